package broadsheet.lambda;

import broadsheet.lambda.stream.StreamEvent;
import broadsheet.lambda.stream.StreamEventJson;
import broadsheet.lambda.stream.StreamRecords;

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
 * Records are made by {@link StreamRecords} from SDK v2 items (what the table adapter wrote, and
 * what it replaced); only their JSON is written here.
 */
public final class StreamEvents {

    static final String TABLE_ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/broadsheet";
    static final String STREAM_ARN = TABLE_ARN + "/stream/2026-11-01T00:00:00.000";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final long SEQUENCE_BASE = 100_000_000_000_000_000L;

    private final ObjectNode root = MAPPER.createObjectNode();
    private final ArrayNode records = root.putArray("Records");
    private final AtomicLong sequence;
    private final StreamRecords factory;

    /** @param firstSequenceNumber sequence numbers count up from here, one per record */
    public StreamEvents(long firstSequenceNumber) {
        this.sequence = new AtomicLong(firstSequenceNumber);
        this.factory = new StreamRecords(STREAM_ARN, SEQUENCE_BASE + firstSequenceNumber);
    }

    /** Adds the record of one write (made by {@link StreamRecords}): old image empty on insert, new image empty on remove. */
    public StreamEvents record(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        StreamEvent.Record made = factory.record(oldImage, newImage);
        long number = sequence.getAndIncrement();
        ObjectNode record = records.addObject();
        record.put("eventID", made.eventId());
        record.put("eventName", made.eventName());
        record.put("eventVersion", "1.1");
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", "eu-west-1");
        ObjectNode dynamodb = record.putObject("dynamodb");
        dynamodb.put("ApproximateCreationDateTime", 1795953600L + number % 1000);
        dynamodb.set("Keys", image(made.keys()));
        if (!made.newImage().isEmpty()) {
            dynamodb.set("NewImage", image(made.newImage()));
        }
        if (!made.oldImage().isEmpty()) {
            dynamodb.set("OldImage", image(made.oldImage()));
        }
        dynamodb.put("SequenceNumber", made.sequenceNumber());
        dynamodb.put("SizeBytes", MAPPER.writeValueAsString(dynamodb).getBytes(StandardCharsets.UTF_8).length);
        dynamodb.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        record.put("eventSourceARN", made.eventSourceArn());
        return this;
    }

    /** Stream sequence numbers are decimal strings of about 21 digits that grow along a shard. */
    public static String sequenceNumber(long number) {
        return String.format("%021d", SEQUENCE_BASE + number);
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
