package broadsheet.lambda.stream;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of DynamoDB stream events and of their partial batch responses, in the shape Lambda
 * delivers and expects them (records under {@code Records}, images in DynamoDB JSON such as
 * {@code {"S":"..."}}, {@code {"N":"1"}}, {@code {"B":"<base64>"}}, {@code {"M":{...}}}). The
 * publisher function reads its events with this instead of the Lambda runtime's POJO serializer;
 * the local change feed and its dead-letter file write them with it.
 */
public final class StreamEventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String VIEW_TYPE = "NEW_AND_OLD_IMAGES";

    private StreamEventJson() {
    }

    public static StreamEvent read(InputStream in) {
        return event(MAPPER.readTree(in));
    }

    public static StreamEvent read(byte[] json) {
        return event(MAPPER.readTree(json));
    }

    public static StreamEvent event(JsonNode root) {
        List<StreamEvent.Record> records = new ArrayList<>();
        for (JsonNode record : root.path("Records").values()) {
            JsonNode dynamodb = record.path("dynamodb");
            records.add(new StreamEvent.Record(record.path("eventID").stringValue(null),
                    record.path("eventName").stringValue(null), record.path("eventSourceARN").stringValue(null),
                    dynamodb.path("SequenceNumber").stringValue(null),
                    image(dynamodb.path("Keys")), image(dynamodb.path("OldImage")), image(dynamodb.path("NewImage"))));
        }
        return new StreamEvent(records);
    }

    public static byte[] write(StreamEvent event) {
        return MAPPER.writeValueAsBytes(tree(event));
    }

    public static ObjectNode tree(StreamEvent event) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode records = root.putArray("Records");
        for (StreamEvent.Record r : event.records()) {
            ObjectNode record = records.addObject();
            record.put("eventID", r.eventId());
            record.put("eventName", r.eventName());
            record.put("eventVersion", "1.1");
            record.put("eventSource", "aws:dynamodb");
            String[] arn = r.eventSourceArn().split(":", 5);
            if (arn.length == 5) {
                record.put("awsRegion", arn[3]);
            }
            ObjectNode dynamodb = record.putObject("dynamodb");
            dynamodb.set("Keys", image(r.keys()));
            if (!r.newImage().isEmpty()) {
                dynamodb.set("NewImage", image(r.newImage()));
            }
            if (!r.oldImage().isEmpty()) {
                dynamodb.set("OldImage", image(r.oldImage()));
            }
            dynamodb.put("SequenceNumber", r.sequenceNumber());
            dynamodb.put("StreamViewType", VIEW_TYPE);
            if (!r.eventSourceArn().isEmpty()) {
                record.put("eventSourceARN", r.eventSourceArn());
            }
        }
        return root;
    }

    public static void writeResponse(StreamBatchResponse response, OutputStream out) {
        MAPPER.writeValue(out, responseTree(response));
    }

    public static byte[] writeResponse(StreamBatchResponse response) {
        return MAPPER.writeValueAsBytes(responseTree(response));
    }

    /** A partial batch response; an empty or {@code null} answer means that nothing failed. */
    public static StreamBatchResponse readResponse(byte[] json) {
        List<String> failed = new ArrayList<>();
        if (json.length > 0) {
            for (JsonNode failure : MAPPER.readTree(json).path("batchItemFailures").values()) {
                failed.add(failure.path("itemIdentifier").stringValue(null));
            }
        }
        return new StreamBatchResponse(failed);
    }

    private static ObjectNode responseTree(StreamBatchResponse response) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode failures = root.putArray("batchItemFailures");
        response.failedSequenceNumbers().forEach(n -> failures.addObject().put("itemIdentifier", n));
        return root;
    }

    /** An item in DynamoDB JSON; empty when the member is absent. */
    public static Map<String, AttributeValue> image(JsonNode node) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        node.properties().forEach(e -> item.put(e.getKey(), value(e.getValue())));
        return item;
    }

    public static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode node = MAPPER.createObjectNode();
        item.forEach((name, value) -> node.set(name, value(value)));
        return node;
    }

    /** One attribute value: an object with exactly one member named after its type. */
    static AttributeValue value(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException("not a DynamoDB attribute value: " + node);
        }
        Map.Entry<String, JsonNode> typed = node.properties().iterator().next();
        JsonNode v = typed.getValue();
        return switch (typed.getKey()) {
            case "S" -> AttributeValue.fromS(v.stringValue());
            case "N" -> AttributeValue.fromN(v.stringValue());
            case "B" -> AttributeValue.fromB(bytes(v));
            case "BOOL" -> AttributeValue.fromBool(v.booleanValue());
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(strings(v));
            case "NS" -> AttributeValue.fromNs(strings(v));
            case "BS" -> AttributeValue.fromBs(v.values().stream().map(StreamEventJson::bytes).toList());
            case "M" -> AttributeValue.fromM(image(v));
            case "L" -> AttributeValue.fromL(v.values().stream().map(StreamEventJson::value).toList());
            default -> throw new IllegalArgumentException("unknown attribute type " + typed.getKey());
        };
    }

    static ObjectNode value(AttributeValue v) {
        ObjectNode node = MAPPER.createObjectNode();
        switch (v.type()) {
            case S -> node.put("S", v.s());
            case N -> node.put("N", v.n());
            case B -> node.put("B", Base64.getEncoder().encodeToString(v.b().asByteArrayUnsafe()));
            case BOOL -> node.put("BOOL", v.bool());
            case NUL -> node.put("NULL", true);
            case SS -> v.ss().forEach(node.putArray("SS")::add);
            case NS -> v.ns().forEach(node.putArray("NS")::add);
            case BS -> {
                ArrayNode list = node.putArray("BS");
                v.bs().forEach(b -> list.add(Base64.getEncoder().encodeToString(b.asByteArrayUnsafe())));
            }
            case M -> node.set("M", image(v.m()));
            case L -> {
                ArrayNode list = node.putArray("L");
                v.l().forEach(e -> list.add(value(e)));
            }
            default -> throw new IllegalArgumentException("attribute value of no known type: " + v);
        }
        return node;
    }

    private static SdkBytes bytes(JsonNode base64) {
        return SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(base64.stringValue()));
    }

    private static List<String> strings(JsonNode array) {
        return array.values().stream().map(JsonNode::stringValue).toList();
    }
}
