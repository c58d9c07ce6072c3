package broadsheet.bench;

import broadsheet.aws.TableDefinition;
import broadsheet.local.servers.AwsEndpoints;
import broadsheet.local.servers.Dynalite;
import broadsheet.local.servers.LocalCredentials;
import broadsheet.local.servers.S3ProxyServer;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The local servers the pipeline benchmarks run against: dynalite (in memory) and s3proxy
 * (in memory, in this JVM), with SDK clients configured as the local stack configures them
 * (Apache 5 HTTP client, path-style S3) and counting every request by operation.
 */
final class LocalAws implements AutoCloseable {

    /**
     * Requests sent through a client, by operation name ({@code PutObject}, {@code BatchGetItem}, ...).
     * Optionally it pauses before every request is sent ({@link #delayEachRequest}, standing in for
     * the network between a function and DynamoDB or S3, which loopback does not have, so that
     * requests made at once can be told from requests made one after the other) and keeps a trace
     * of every request ({@link #trace}).
     */
    static final class RequestCounter implements ExecutionInterceptor {
        private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("broadsheet.bench.started");

        /** One request: its operation, what it addressed, the thread that made it, when it ran (nanoTime) and its outcome. */
        record Traced(String operation, String target, String thread, long startNanos, long endNanos, String outcome) {
        }

        private final String service;
        private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<String, LongAdder> micros = new ConcurrentHashMap<>();
        private volatile long delayMillis;
        private volatile ConcurrentLinkedQueue<Traced> trace;

        RequestCounter(String service) {
            this.service = service;
        }

        /** From now on, pauses {@code millis} before each request (each attempt) is sent; 0: no pause. */
        void delayEachRequest(long millis) {
            if (millis < 0) {
                throw new IllegalArgumentException("a request delay must not be negative: " + millis);
            }
            delayMillis = millis;
        }

        /** From now on, keeps a trace of every request, until {@link #drainTrace()}. */
        void trace() {
            if (trace == null) {
                trace = new ConcurrentLinkedQueue<>();
            }
        }

        /** The requests traced since the last drain, in the order they started. */
        List<Traced> drainTrace() {
            List<Traced> drained = new ArrayList<>();
            ConcurrentLinkedQueue<Traced> queue = trace;
            if (queue != null) {
                for (Traced t = queue.poll(); t != null; t = queue.poll()) {
                    drained.add(t);
                }
            }
            drained.sort(Comparator.comparingLong(Traced::startNanos));
            return drained;
        }

        String service() {
            return service;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            counts.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new LongAdder())
                    .increment();
            attributes.putAttribute(STARTED, System.nanoTime());
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            long delay = delayMillis;
            if (delay > 0) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while delaying a request", e);
                }
            }
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            long end = System.nanoTime();
            micros.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new LongAdder())
                    .add((end - attributes.getAttribute(STARTED)) / 1000);
            record(context.request(), attributes, end, Integer.toString(context.httpResponse().statusCode()));
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            String outcome = context.exception() instanceof SdkServiceException e ? Integer.toString(e.statusCode())
                    : context.exception().getClass().getSimpleName();
            record(context.request(), attributes, System.nanoTime(), outcome);
        }

        private void record(SdkRequest request, ExecutionAttributes attributes, long end, String outcome) {
            ConcurrentLinkedQueue<Traced> queue = trace;
            Long started = attributes.getAttribute(STARTED);
            if (queue != null && started != null) {
                queue.add(new Traced(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), target(request),
                        Thread.currentThread().getName(), started, end, outcome));
            }
        }

        /** What a request addressed: an S3 key, a DynamoDB item's keys, a Query's partition, a batch's size. */
        static String target(SdkRequest request) {
            Optional<Object> key = request.getValueForField("Key", Object.class);
            if (key.isPresent() && key.get() instanceof String s3Key) {
                return s3Key;
            }
            Optional<Object> item = key.or(() -> request.getValueForField("Item", Object.class));
            if (item.isPresent() && item.get() instanceof Map<?, ?> attributes) {
                return text(attributes.get(TableDefinition.PK)) + " " + text(attributes.get(TableDefinition.SK));
            }
            Optional<Object> values = request.getValueForField("ExpressionAttributeValues", Object.class);
            if (values.isPresent() && values.get() instanceof Map<?, ?> attributes && attributes.containsKey(":pk")) {
                return text(attributes.get(":pk"));
            }
            Optional<Object> batch = request.getValueForField("RequestItems", Object.class);
            if (batch.isPresent() && batch.get() instanceof Map<?, ?> tables) {
                int keys = 0;
                for (Object keysAndAttributes : tables.values()) {
                    if (keysAndAttributes instanceof KeysAndAttributes k) {
                        keys += k.keys().size();
                    }
                }
                return keys + " keys";
            }
            return "";
        }

        private static String text(Object value) {
            return value instanceof AttributeValue a && a.s() != null ? a.s() : String.valueOf(value);
        }

        /** Time spent in requests of each operation (successful ones), in microseconds. */
        Map<String, Long> microsSnapshot() {
            Map<String, Long> copy = new TreeMap<>();
            micros.forEach((op, n) -> copy.put(op, n.sum()));
            return copy;
        }

        Map<String, Long> snapshot() {
            Map<String, Long> copy = new TreeMap<>();
            counts.forEach((op, n) -> copy.put(op, n.sum()));
            return copy;
        }

        static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
            Map<String, Long> delta = new TreeMap<>();
            after.forEach((op, n) -> {
                long d = n - before.getOrDefault(op, 0L);
                if (d != 0) {
                    delta.put(op, d);
                }
            });
            return delta;
        }
    }

    final Dynalite dynalite;
    final S3ProxyServer s3proxy;
    final RequestCounter dynamoRequests = new RequestCounter("dynamodb");
    final RequestCounter s3Requests = new RequestCounter("s3");
    /** Items, bytes and write units the DynamoDB client writes, and its writes refused by their condition. */
    final WriteMeter dynamoWrites = new WriteMeter();
    final DynamoDbClient dynamo;
    final S3Client s3;

    private LocalAws(Dynalite dynalite, S3ProxyServer s3proxy) {
        this.dynalite = dynalite;
        this.s3proxy = s3proxy;
        AwsEndpoints endpoints = LocalCredentials.endpoints(dynalite.endpoint(), s3proxy.endpoint());
        this.dynamo = dynamoDb(endpoints).overrideConfiguration(c -> c.addExecutionInterceptor(dynamoRequests)
                .addExecutionInterceptor(dynamoWrites)).build();
        this.s3 = s3(endpoints).overrideConfiguration(c -> c.addExecutionInterceptor(s3Requests)).build();
    }

    /** Clients for servers that are already running (the local stack's), configured as above without counting. */
    record Clients(DynamoDbClient dynamo, S3Client s3) {
    }

    static Clients clients(java.net.URI dynamoEndpoint, java.net.URI s3Endpoint) {
        AwsEndpoints endpoints = LocalCredentials.endpoints(dynamoEndpoint, s3Endpoint);
        return new Clients(dynamoDb(endpoints).build(), s3(endpoints).build());
    }

    /** The local stack's client configuration, with room for the benchmarks' concurrent requests. */
    private static DynamoDbClientBuilder dynamoDb(AwsEndpoints endpoints) {
        return endpoints.dynamoDbClient().httpClientBuilder(Apache5HttpClient.builder().maxConnections(64));
    }

    private static S3ClientBuilder s3(AwsEndpoints endpoints) {
        return endpoints.s3Client().httpClientBuilder(Apache5HttpClient.builder().maxConnections(64));
    }

    /** Starts dynalite in memory, or on LevelDB files under {@code dynaliteDir}, and s3proxy in memory. */
    static LocalAws start(Optional<java.nio.file.Path> dynaliteDir) {
        Dynalite dynalite = Dynalite.start(dynaliteDir);
        try {
            return new LocalAws(dynalite, S3ProxyServer.startTransient());
        } catch (RuntimeException e) {
            dynalite.close();
            throw e;
        }
    }

    void createTableAndBucket(String table, String bucket) {
        TableDefinition.createIfMissing(dynamo, table);
        s3.createBucket(b -> b.bucket(bucket));
    }

    @Override
    public void close() {
        dynamo.close();
        s3.close();
        try {
            s3proxy.close();
        } finally {
            dynalite.close();
        }
    }
}
