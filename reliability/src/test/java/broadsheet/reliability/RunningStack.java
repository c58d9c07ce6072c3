package broadsheet.reliability;

import broadsheet.core.editing.EditorPolicy;
import broadsheet.core.site.SiteConfig;
import broadsheet.lambda.Wiring;
import broadsheet.local.LocalSettings;
import broadsheet.local.LocalStack;
import broadsheet.local.servers.AwsEndpoints;
import broadsheet.local.servers.LocalCredentials;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A local stack ({@code local/run} in this JVM, on a free port) with what the checks need beside
 * it: signed clients for its table and bucket, the functions wired over them as the stack wires
 * its own (with no change feed), and a {@link ConvergenceChecker} that renders with the stack's
 * own site config (base URL {@code http://localhost:<port>}). A test class that shares one stack
 * between its tests registers {@link #perClass()}.
 */
final class RunningStack implements AutoCloseable {

    static final String TOKEN = "reliability-editor-token";

    final LocalStack stack;
    final DynamoDbClient dynamoDb;
    final S3Client s3;
    final SiteConfig site;
    final Wiring wiring;
    final ConvergenceChecker checker;
    final Api api;

    private RunningStack(LocalStack stack) {
        this.stack = stack;
        AwsEndpoints endpoints = LocalCredentials.endpoints(stack.dynamoDbEndpoint(), stack.s3Endpoint());
        this.dynamoDb = endpoints.dynamoDbClient().build();
        this.s3 = endpoints.s3Client().build();
        this.site = SiteConfig.load().withBaseUrl(stack.siteUrl().toString());
        LocalSettings settings = stack.settings();
        this.wiring = Wiring.builder(dynamoDb, s3, settings.tableName(), settings.bucketName()).site(site)
                .editors(new EditorPolicy(settings.editorGroupClaim(), settings.editorGroup())).build();
        this.checker = new ConvergenceChecker(dynamoDb, settings.tableName(), wiring.siteBucket(), wiring.pages(),
                site.sectionSlugs());
        this.api = new Api(stack.siteUrl(), TOKEN);
    }

    static RunningStack start(Path dataDir) {
        return start(dataDir, 0);
    }

    /** On a given port: pages carry the port in their URLs, so a data folder keeps its port. */
    static RunningStack start(Path dataDir, int port) {
        return new RunningStack(LocalStack.start(LocalSettings.of(dataDir, port, TOKEN)));
    }

    /**
     * One stack for all tests of a class, in a temporary folder of its own (register on a static
     * field with {@code @RegisterExtension}).
     */
    static PerClass perClass() {
        return new PerClass();
    }

    /**
     * Starts the stack before the class's {@code @BeforeAll} methods run, and after its
     * {@code @AfterAll} methods closes it and deletes its folder.
     */
    static final class PerClass implements BeforeAllCallback, AfterAllCallback {

        private Path data;
        private RunningStack stack;

        private PerClass() {
        }

        /** The running stack; only between the class's first and last callbacks. */
        RunningStack get() {
            if (stack == null) {
                throw new IllegalStateException("the stack runs only while the test class does");
            }
            return stack;
        }

        @Override
        public void beforeAll(ExtensionContext context) throws IOException {
            data = Files.createTempDirectory("broadsheet-reliability-");
            stack = start(data);
        }

        @Override
        public void afterAll(ExtensionContext context) throws IOException {
            try {
                if (stack != null) {
                    stack.close();
                }
            } finally {
                stack = null;
                if (data != null) {
                    delete(data);
                }
            }
        }

        private static void delete(Path folder) throws IOException {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                    try {
                        Files.delete(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    URI siteUrl() {
        return stack.siteUrl();
    }

    /** Waits for the change feed to settle, then checks table against bucket and counts the divergences into the summary. */
    ConvergenceChecker.Report settleAndCheck() throws InterruptedException {
        if (!stack.feed().awaitSettled(Duration.ofSeconds(120))) {
            throw new AssertionError("the change feed did not settle within 120 s: " + stack.feed().pending() + " pending");
        }
        ConvergenceChecker.Report report = checker.check(Instant.now());
        SuiteSummary.SUITE.checked(report);
        return report;
    }

    @Override
    public void close() {
        dynamoDb.close();
        s3.close();
        stack.close();
    }
}
