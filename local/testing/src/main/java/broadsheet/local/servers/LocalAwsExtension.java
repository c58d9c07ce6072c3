package broadsheet.local.servers;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * JUnit 5 extension that gives tests real AWS-protocol servers: a fresh, uniquely named DynamoDB
 * table and S3 bucket per test class or per test, and clients for them.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalAwsExtension aws = LocalAwsExtension.perTest(TableDefinition::createTableRequest);
 * }</pre>
 *
 * <p>The servers are started once per JVM, on first use, and stopped when the JVM ends. By default
 * they are dynalite and an embedded s3proxy ({@code -Dit.aws=local}); {@code -Dit.aws=localstack}
 * or {@code -Dit.aws=floci} starts that container through Testcontainers instead (Docker needed).
 * The clients use the Apache HTTP client and are shared by every test in the JVM.
 */
public final class LocalAwsExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private enum Scope { CLASS, TEST }

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Function<String, CreateTableRequest> tableRequest;
    private final Scope scope;
    private volatile String tableName;
    private volatile String bucketName;

    private LocalAwsExtension(Function<String, CreateTableRequest> tableRequest, Scope scope) {
        this.tableRequest = Objects.requireNonNull(tableRequest, "tableRequest");
        this.scope = scope;
    }

    /**
     * One table and one bucket shared by all tests of the class (register on a static field).
     *
     * @param tableRequest the CreateTable request for a given table name
     */
    public static LocalAwsExtension perClass(Function<String, CreateTableRequest> tableRequest) {
        return new LocalAwsExtension(tableRequest, Scope.CLASS);
    }

    /** A new table and bucket for every test. */
    public static LocalAwsExtension perTest(Function<String, CreateTableRequest> tableRequest) {
        return new LocalAwsExtension(tableRequest, Scope.TEST);
    }

    public DynamoDbClient dynamoDb() {
        return Shared.instance().dynamoDb;
    }

    public S3Client s3() {
        return Shared.instance().s3;
    }

    /** Endpoints, region and credentials, for tests that build their own clients. */
    public AwsEndpoints endpoints() {
        return Shared.instance().backend.endpoints();
    }

    /** The current test's table. */
    public String tableName() {
        return require(tableName, "table");
    }

    /** The current test's bucket. */
    public String bucketName() {
        return require(bucketName, "bucket");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (scope == Scope.CLASS) {
            create(context);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (scope == Scope.CLASS) {
            drop();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (scope == Scope.TEST || tableName == null) {
            create(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (scope == Scope.TEST) {
            drop();
        }
    }

    /** Creates a table with a new unique name from the given request, and waits until it is active. */
    public String createTable(Function<String, CreateTableRequest> request) {
        String name = uniqueName("t");
        DynamoDbClient dynamoDb = dynamoDb();
        dynamoDb.createTable(request.apply(name));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (dynamoDb.describeTable(b -> b.tableName(name)).table().tableStatus() != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + name + " did not become active");
            }
            pause();
        }
        return name;
    }

    /** Creates a bucket with a new unique name. */
    public String createBucket() {
        String name = uniqueName("b");
        s3().createBucket(b -> b.bucket(name));
        return name;
    }

    private void create(ExtensionContext context) {
        tableName = createTable(tableRequest);
        bucketName = createBucket();
    }

    private void drop() {
        String table = tableName;
        String bucket = bucketName;
        tableName = null;
        bucketName = null;
        if (table != null) {
            try {
                dynamoDb().deleteTable(b -> b.tableName(table));
            } catch (ResourceNotFoundException e) {
                // the test dropped it itself
            }
        }
        if (bucket != null) {
            emptyAndDelete(bucket);
        }
    }

    private void emptyAndDelete(String bucket) {
        S3Client s3 = s3();
        try {
            ListObjectsV2Response page;
            do {
                page = s3.listObjectsV2(b -> b.bucket(bucket));
                for (S3Object object : page.contents()) {
                    s3.deleteObject(b -> b.bucket(bucket).key(object.key()));
                }
            } while (!page.contents().isEmpty());
            s3.deleteBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            // the test dropped it itself
        }
    }

    private static String uniqueName(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }

    private static String require(String value, String what) {
        if (value == null) {
            throw new IllegalStateException("no " + what + " outside a test: register the extension with "
                    + "@RegisterExtension on a static field (perClass) or use it inside a test (perTest)");
        }
        return value;
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The servers and clients of this JVM, started on first use and stopped at JVM exit. */
    private static final class Shared {
        private static volatile Shared instance;

        final AwsBackend backend;
        final DynamoDbClient dynamoDb;
        final S3Client s3;

        private Shared(AwsBackend backend) {
            this.backend = backend;
            AwsEndpoints endpoints = backend.endpoints();
            this.dynamoDb = endpoints.dynamoDbClient().build();
            this.s3 = endpoints.s3Client().build();
        }

        static Shared instance() {
            Shared shared = instance;
            if (shared == null) {
                synchronized (Shared.class) {
                    shared = instance;
                    if (shared == null) {
                        shared = start();
                        instance = shared;
                    }
                }
            }
            return shared;
        }

        private static Shared start() {
            AwsBackend backend = AwsBackend.start(Optional.ofNullable(System.getProperty(AwsBackend.PROPERTY))
                    .filter(s -> !s.isBlank()).orElse("local"));
            Shared shared;
            try {
                shared = new Shared(backend);
            } catch (RuntimeException e) {
                backend.close();
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "local-aws-stop"));
            return shared;
        }

        private void stop() {
            try {
                dynamoDb.close();
                s3.close();
            } finally {
                backend.close();
            }
        }
    }
}
