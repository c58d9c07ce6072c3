package broadsheet.bench;

import broadsheet.aws.TableDefinition;
import broadsheet.local.servers.AwsEndpoints;
import broadsheet.local.servers.Dynalite;
import broadsheet.local.servers.LocalCredentials;
import broadsheet.local.servers.S3ProxyServer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The local servers the pipeline benchmarks run against: dynalite (in memory) and s3proxy
 * (in memory, in this JVM), with SDK clients configured as the local stack configures them
 * (Apache 5 HTTP client, path-style S3) and counting every request by operation.
 */
final class LocalAws implements AutoCloseable {

    /** Requests sent through a client, by operation name ({@code PutObject}, {@code BatchGetItem}, ...). */
    static final class RequestCounter implements ExecutionInterceptor {
        private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("broadsheet.bench.started");

        private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<String, LongAdder> micros = new ConcurrentHashMap<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            counts.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new LongAdder())
                    .increment();
            attributes.putAttribute(STARTED, System.nanoTime());
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            micros.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new LongAdder())
                    .add((System.nanoTime() - attributes.getAttribute(STARTED)) / 1000);
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
    final RequestCounter dynamoRequests = new RequestCounter();
    final RequestCounter s3Requests = new RequestCounter();
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
