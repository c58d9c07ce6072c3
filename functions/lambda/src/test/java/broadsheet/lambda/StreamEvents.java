package broadsheet.lambda;

import broadsheet.lambda.stream.StreamEvent;
import broadsheet.lambda.stream.StreamEventJson;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * DynamoDB stream events for tests, written as the JSON a Lambda function receives from a table
 * stream with {@code NEW_AND_OLD_IMAGES}, independently of {@link StreamEventJson} (which reads them).
 * Records are built from SDK v2 items (what the table adapter wrote, and what it replaced).
 */
public final class StreamEvents {

    static final String TABLE_ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/broadsheet";
    static final String STREAM_ARN = TABLE_ARN + "/stream/2026-11-01T00:00:00.000";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final ObjectNode root = MAPPER.createObjectNode();
    private final ArrayNode records = root.putArray("Records");
    private final AtomicLong sequence;

    /** @param firstSequenceNumber sequence numbers count up from here, one per record */
    public StreamEvents(long firstSequenceNumber) {
        this.sequence = new AtomicLong(firstSequenceNumber);
    }

    /** Adds the record of one write: old image empty on insert, new image empty on remove. */
    public StreamEvents record(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        boolean hasOld = oldImage != null && !oldImage.isEmpty();
        boolean hasNew = newImage != null && !newImage.isEmpty();
        Map<String, AttributeValue> any = hasNew ? newImage : oldImage;
        String eventName = hasOld && hasNew ? "MODIFY" : hasNew ? "INSERT" : "REMOVE";
        long number = sequence.getAndIncrement();
        ObjectNode record = records.addObject();
        record.put("eventID", String.format("%032x", number));
        record.put("eventName", eventName);
        record.put("eventVersion", "1.1");
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", "eu-west-1");
        ObjectNode dynamodb = record.putObject("dynamodb");
        dynamodb.put("ApproximateCreationDateTime", 1795953600L + number % 1000);
        ObjectNode keys = dynamodb.putObject("Keys");
        keys.set("pk", value(any.get("pk")));
        keys.set("sk", value(any.get("sk")));
        if (hasNew) {
            dynamodb.set("NewImage", image(newImage));
        }
        if (hasOld) {
            dynamodb.set("OldImage", image(oldImage));
        }
        dynamodb.put("SequenceNumber", sequenceNumber(number));
        dynamodb.put("SizeBytes", MAPPER.writeValueAsString(dynamodb).getBytes(StandardCharsets.UTF_8).length);
        dynamodb.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        record.put("eventSourceARN", STREAM_ARN);
        return this;
    }

    /** Stream sequence numbers are decimal strings of about 21 digits that grow along a shard. */
    public static String sequenceNumber(long number) {
        return String.format("%021d", 100_000_000_000_000_000L + number);
    }

    public String json() {
        return MAPPER.writeValueAsString(root);
    }

    public StreamEvent event() {
        return parse(json());
    }

    public static StreamEvent parse(String json) {
        return StreamEventJson.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode node = MAPPER.createObjectNode();
        item.forEach((name, value) -> node.set(name, value(value)));
        return node;
    }

    /** One attribute value in DynamoDB JSON: {@code {"S": "..."}}, {@code {"N": "1"}}, {@code {"M": {...}}}, ... */
    public static ObjectNode value(AttributeValue v) {
        ObjectNode node = MAPPER.createObjectNode();
        switch (v.type()) {
            case S -> node.put("S", v.s());
            case N -> node.put("N", v.n());
            case B -> node.put("B", base64(v.b()));
            case BOOL -> node.put("BOOL", v.bool());
            case NUL -> node.put("NULL", true);
            case SS -> strings(node.putArray("SS"), v.ss());
            case NS -> strings(node.putArray("NS"), v.ns());
            case BS -> v.bs().forEach(b -> node.withArray("BS").add(base64(b)));
            case M -> node.set("M", image(v.m()));
            case L -> {
                ArrayNode list = node.putArray("L");
                v.l().forEach(e -> list.add(value(e)));
            }
            default -> throw new IllegalArgumentException("unknown attribute type " + v.type());
        }
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
