package broadsheet.local.servers;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The servers behind {@link LocalAwsExtension}, chosen by the {@value #PROPERTY} system property:
 * {@code local} (default: dynalite + embedded s3proxy, no Docker), {@code localstack} or
 * {@code floci} (Testcontainers; need Docker, LocalStack also {@code LOCALSTACK_AUTH_TOKEN}).
 */
sealed interface AwsBackend extends AutoCloseable {

    String PROPERTY = "it.aws";
    String IMAGE_PROPERTY = "it.aws.image";

    AwsEndpoints endpoints();

    @Override
    void close();

    static AwsBackend start(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "local" -> Local.start();
            case "localstack" -> Containers.localStack();
            case "floci" -> Containers.floci();
            default -> throw new IllegalArgumentException(
                    "-D" + PROPERTY + " must be local, localstack or floci, not " + name);
        };
    }

    /** dynalite (spawned node process) and s3proxy (in this JVM), both in memory. */
    record Local(Dynalite dynalite, S3ProxyServer s3) implements AwsBackend {

        /** Starts both at once: node boots dynalite while s3proxy starts in this JVM. */
        static Local start() {
            CompletableFuture<Dynalite> dynalite = CompletableFuture.supplyAsync(() -> Dynalite.start(Optional.empty()));
            S3ProxyServer s3;
            try {
                s3 = S3ProxyServer.startTransient();
            } catch (RuntimeException e) {
                dynalite.thenAccept(Dynalite::close);
                throw e;
            }
            try {
                return new Local(dynalite.join(), s3);
            } catch (CompletionException e) {
                s3.close();
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }

        @Override
        public AwsEndpoints endpoints() {
            return LocalCredentials.endpoints(dynalite.endpoint(), s3.endpoint());
        }

        @Override
        public void close() {
            try {
                s3.close();
            } finally {
                dynalite.close();
            }
        }
    }

    /** One container that serves both DynamoDB and S3 on one edge port. */
    record Container(GenericContainer<?> container, AwsEndpoints endpoints) implements AwsBackend {

        @Override
        public void close() {
            container.stop();
        }
    }

    final class Containers {
        private static final int EDGE_PORT = 4566;

        private Containers() {
        }

        static Container localStack() {
            DockerImageName image = DockerImageName.parse(
                    System.getProperty(IMAGE_PROPERTY, "localstack/localstack:latest"));
            LocalStackContainer container = new LocalStackContainer(image)
                    .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.S3);
            String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
            if (token != null && !token.isBlank()) {
                container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
            }
            container.start();
            URI endpoint = container.getEndpoint();
            return new Container(container, new AwsEndpoints(endpoint, endpoint,
                    software.amazon.awssdk.regions.Region.of(container.getRegion()),
                    container.getAccessKey(), container.getSecretKey()));
        }

        @SuppressWarnings("resource") // stopped by Container.close
        static Container floci() {
            GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(
                    System.getProperty(IMAGE_PROPERTY, "floci/floci:latest")))
                    .withExposedPorts(EDGE_PORT)
                    .waitingFor(Wait.forListeningPort());
            container.start();
            URI endpoint = URI.create("http://" + container.getHost() + ":" + container.getMappedPort(EDGE_PORT));
            return new Container(container, new AwsEndpoints(endpoint, endpoint, LocalCredentials.REGION,
                    "test", "test"));
        }
    }
}
