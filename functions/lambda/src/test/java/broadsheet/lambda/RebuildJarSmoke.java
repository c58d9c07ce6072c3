package broadsheet.lambda;

import broadsheet.lambda.rebuild.RebuildStartHandler;
import broadsheet.lambda.rebuild.RebuildWorkerHandler;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs in a child JVM whose class path is the rebuild jar and this class, with the environment a
 * deployed rebuild function gets: the start handler queues a rebuild, then every message is handed
 * to the worker handler as an SQS event (one message an event) until the queue is empty. Prints
 * one line per handler for {@link RebuildJarIT}.
 */
public final class RebuildJarSmoke {

    private RebuildJarSmoke() {
    }

    public static void main(String[] args) throws IOException {
        ByteArrayOutputStream started = new ByteArrayOutputStream();
        new RebuildStartHandler().handleRequest(
                new ByteArrayInputStream("{\"listingSegments\":2}".getBytes(StandardCharsets.UTF_8)), started, null);
        System.out.println("start " + started.toString(StandardCharsets.UTF_8));

        RebuildWorkerHandler worker = new RebuildWorkerHandler();
        JsonMapper json = JsonMapper.builder().build();
        String queue = System.getenv("REBUILD_QUEUE_URL");
        int units = 0;
        int failures = 0;
        try (SqsClient sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            List<Message> received;
            while (!(received = sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)).messages()).isEmpty()) {
                Message message = received.get(0);
                ObjectNode event = json.createObjectNode();
                ObjectNode record = event.putArray("Records").addObject();
                record.put("messageId", message.messageId());
                record.put("body", message.body());
                record.put("eventSource", "aws:sqs");
                ByteArrayOutputStream response = new ByteArrayOutputStream();
                worker.handleRequest(new ByteArrayInputStream(json.writeValueAsBytes(event)), response, null);
                if (json.readTree(response.toByteArray()).get("batchItemFailures").isEmpty()) {
                    units++;
                    sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(message.receiptHandle()));
                } else {
                    failures++;
                }
            }
        }
        System.out.println("worker units " + units + " failures " + failures);
    }
}
