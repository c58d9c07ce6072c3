package broadsheet.local.servers;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * An embedded ElasticMQ (the SQS wire protocol, JSON and query) on 127.0.0.1 and a free port, in
 * memory. It keeps SQS's semantics where the rebuild relies on them: visibility timeouts, receive
 * counts and redrive to a dead-letter queue.
 */
public final class ElasticMqServer implements AutoCloseable {

    private static volatile ElasticMqServer shared;
    private static volatile SqsClient sharedClient;

    private final SQSRestServer server;
    private final URI endpoint;
    private final int port;
    private Liveness liveness;

    private ElasticMqServer(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
        this.endpoint = URI.create("http://" + Ports.LOOPBACK + ":" + port);
    }

    /** Starts a server with no queues. */
    public static ElasticMqServer start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface(Ports.LOOPBACK).withDynamicPort()
                .withAWSRegion(LocalCredentials.REGION.id()).start();
        try {
            int port = server.waitUntilStarted().localAddress().getPort();
            return new ElasticMqServer(server, port);
        } catch (RuntimeException e) {
            server.stopAndWait();
            throw new IllegalStateException("cannot start ElasticMQ", e);
        }
    }

    /**
     * One server for the whole JVM, started on first use and stopped when the JVM ends, for tests
     * that only need queues (each test makes its own, uniquely named).
     */
    public static synchronized ElasticMqServer shared() {
        if (shared == null) {
            ElasticMqServer server = start();
            sharedClient = server.client();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                sharedClient.close();
                server.close();
            }, "elasticmq-stop"));
            shared = server;
        }
        return shared;
    }

    /** A client of {@link #shared()}, shared as well. */
    public static SqsClient sharedClient() {
        shared();
        return sharedClient;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client for this server (Apache HTTP client, the local credentials). */
    public SqsClient client() {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(LocalCredentials.REGION)
                .credentialsProvider(LocalCredentials.provider())
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }

    /** A queue with its own dead-letter queue, both uniquely named. */
    public record QueuePair(String url, String deadLetterUrl) {
    }

    /**
     * Creates a queue whose messages move to a new dead-letter queue after {@code maxReceives}
     * receives, and become visible again {@code visibilitySeconds} after a receive.
     */
    public static QueuePair createQueueWithDeadLetters(SqsClient sqs, String prefix, int visibilitySeconds, int maxReceives) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String dlq = sqs.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String url = sqs.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds),
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceives + "\"}"))).queueUrl();
        return new QueuePair(url, dlq);
    }

    /**
     * Completes, with a sentence naming ElasticMQ and its port, when the embedded server's port
     * stops answering without {@link #close()}; watched from the first call on, every second.
     */
    public synchronized CompletableFuture<String> died() {
        if (liveness == null) {
            liveness = Liveness.watch("elasticmq-" + port, () -> Ports.answers(port),
                    () -> "ElasticMQ (SQS, embedded, port " + port + ") stopped answering");
        }
        return liveness.died();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (liveness != null) {
                liveness.close();
            }
        }
        server.stopAndWait();
    }
}
