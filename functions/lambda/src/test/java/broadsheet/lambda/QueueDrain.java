package broadsheet.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Does locally what Lambda's SQS event source mapping does: several pollers receive batches from
 * the queue, hand each to the function as SQS event JSON, delete the messages the function did not
 * report in {@code batchItemFailures}, and leave the others to come back after their visibility
 * timeout (or move to the dead-letter queue after the queue's maximum receives). Stops when the
 * queue holds no message, visible or in flight.
 */
final class QueueDrain {

    /** Messages handed to the function, those it reported failed, and those received more than once. */
    record Result(int units, int failures, int redelivered) {
    }

    private static final int BATCH_SIZE = 3;
    private static final long TIME_LIMIT_NANOS = 120_000_000_000L;

    private final SqsClient sqs;
    private final String queueUrl;
    private final RequestStreamHandler function;
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicInteger units = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger redelivered = new AtomicInteger();

    QueueDrain(SqsClient sqs, String queueUrl, RequestStreamHandler function) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.function = function;
    }

    Result run(int pollers) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(pollers);
        long deadline = System.nanoTime() + TIME_LIMIT_NANOS;
        try {
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < pollers; i++) {
                loops.add(threads.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        // a message being worked on is in flight (not visible) until it is deleted, and its
                        // continuation is sent before that: an empty queue means the rebuild is done
                        if (!poll() && queueIsEmpty()) {
                            return null;
                        }
                    }
                    throw new IllegalStateException("the queue was not drained in time");
                }));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return new Result(units.get(), failures.get(), redelivered.get());
    }

    /** One receive and one invocation; false when nothing was received. */
    private boolean poll() throws Exception {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(BATCH_SIZE)
                    .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages();
        if (messages.isEmpty()) {
            return false;
        }
        Set<String> failed = invoke(messages);
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message m : messages) {
            if (!"1".equals(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))) {
                redelivered.incrementAndGet();
            }
            if (failed.contains(m.messageId())) {
                failures.incrementAndGet();
            } else {
                units.incrementAndGet();
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size()))
                        .receiptHandle(m.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
        return true;
    }

    /** The messages as the event Lambda sends; the ids the function reported failed. */
    private Set<String> invoke(List<Message> messages) {
        ObjectNode event = json.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message m : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", m.messageId());
            record.put("receiptHandle", m.receiptHandle());
            record.put("body", m.body());
            ObjectNode attributes = record.putObject("attributes");
            m.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            record.putObject("messageAttributes");
            record.put("md5OfBody", m.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:rebuild");
            record.put("awsRegion", "us-east-1");
        }
        byte[] answer = Invocations.invoke(function, json.writeValueAsBytes(event));
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : json.readTree(answer).get("batchItemFailures")) {
            failed.add(failure.get("itemIdentifier").asText());
        }
        return failed;
    }

    private boolean queueIsEmpty() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                && "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
