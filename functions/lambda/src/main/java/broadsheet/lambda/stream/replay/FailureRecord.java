package broadsheet.lambda.stream.replay;

import broadsheet.lambda.stream.StreamEvent;
import broadsheet.lambda.stream.StreamEventJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One object of the publisher's on-failure destination: the invocation record Lambda writes to an
 * Amazon S3 destination when a batch of the table's stream exhausted its retries ("Retain
 * discarded records for a DynamoDB event source in Lambda", AWS Lambda Developer Guide). The
 * record holds {@code requestContext} (its {@code condition}, such as
 * {@code RetryAttemptsExhausted}, and {@code approximateInvokeCount}), {@code responseContext},
 * {@code version}, {@code timestamp}, {@code DDBStreamBatchInfo} (shard, first and last sequence
 * numbers, batch size, stream ARN) and, for S3 destinations only, {@code payload}: the failed
 * invocation's whole event, the batch's stream records. An SQS or SNS destination receives the
 * same record without {@code payload}; such a record cannot be replayed and is refused here.
 *
 * <p>The {@code payload} is read as the event object ({@code {"Records":[...]}}); a payload sent as
 * a string holding that JSON is read too.
 *
 * @param condition   why the batch was discarded ({@code RetryAttemptsExhausted}, {@code RecordAgeExceeded}, ...)
 * @param invokeCount {@code approximateInvokeCount}
 * @param failedAt    {@code timestamp}: when Lambda gave the batch up
 * @param batch       {@code DDBStreamBatchInfo}
 * @param payload     the batch's stream records
 */
public record FailureRecord(String condition, int invokeCount, Instant failedAt, BatchInfo batch, StreamEvent payload) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** {@code DDBStreamBatchInfo}: where in the stream the discarded batch was. */
    public record BatchInfo(String shardId, String startSequenceNumber, String endSequenceNumber, int batchSize,
                            String streamArn) {
    }

    public FailureRecord {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * Reads an invocation record.
     *
     * @throws IllegalArgumentException when it is not JSON, is not the record of a DynamoDB stream
     *                                  batch, or carries no payload (an SQS or SNS destination's record)
     */
    public static FailureRecord parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("an invocation record is JSON: " + e.getOriginalMessage());
        }
        JsonNode info = root.path("DDBStreamBatchInfo");
        if (!info.isObject()) {
            throw new IllegalArgumentException("not the invocation record of a DynamoDB stream batch (no DDBStreamBatchInfo)");
        }
        JsonNode payload = root.path("payload");
        if (payload.isString()) {
            try {
                payload = JSON.readTree(payload.stringValue());
            } catch (JacksonException e) {
                throw new IllegalArgumentException("payload is not the JSON of a stream event: " + e.getOriginalMessage());
            }
        }
        if (!payload.path("Records").isArray()) {
            throw new IllegalArgumentException("the invocation record has no payload with the batch's Records"
                    + " (only an Amazon S3 on-failure destination receives them)");
        }
        JsonNode request = root.path("requestContext");
        return new FailureRecord(request.path("condition").stringValue(""),
                request.path("approximateInvokeCount").asInt(0),
                instant(root.path("timestamp").stringValue(null)),
                new BatchInfo(info.path("shardId").stringValue(null), info.path("startSequenceNumber").stringValue(null),
                        info.path("endSequenceNumber").stringValue(null), info.path("batchSize").asInt(0),
                        info.path("streamArn").stringValue(null)),
                StreamEventJson.event(payload));
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp is not an ISO-8601 instant: " + text);
        }
    }
}
