package broadsheet.local.servers;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * An embedded s3proxy (S3 wire protocol) on 127.0.0.1 and a free port, checking signatures
 * against {@link LocalCredentials}. It enforces {@code If-Match} / {@code If-None-Match} on
 * PutObject, atomically as S3 does ({@link KeyLockingBlobStore}: s3proxy alone checks
 * {@code If-Match} and stores without a lock between). It does not enforce {@code If-Match} /
 * {@code If-None-Match} on the destination of a CopyObject (S3 does); Broadsheet makes no copies.
 * Transient (in memory) for tests, or files under a base
 * directory for the local run.
 */
public final class S3ProxyServer implements AutoCloseable {

    private static final long START_TIMEOUT_NANOS = 30_000_000_000L;

    private final S3Proxy proxy;
    private final URI endpoint;
    private Liveness liveness;

    private S3ProxyServer(S3Proxy proxy) {
        this.proxy = proxy;
        this.endpoint = URI.create("http://" + Ports.LOOPBACK + ":" + proxy.getPort());
    }

    /** Buckets and objects live in memory and vanish on close. */
    public static S3ProxyServer startTransient() {
        return start("transient-nio2", new Properties(), List.of());
    }

    /** Buckets are folders under {@code baseDir}; objects survive restarts. */
    public static S3ProxyServer startFilesystem(Path baseDir) {
        return startFilesystem(baseDir, List.of());
    }

    /**
     * Buckets are folders under {@code baseDir}, and pages of {@code corsOrigins} may send
     * requests from a browser (CORS: GET, HEAD and PUT, any request header), as a bucket's CORS
     * configuration lets a web app PUT to a presigned URL.
     */
    public static S3ProxyServer startFilesystem(Path baseDir, List<String> corsOrigins) {
        Properties properties = new Properties();
        try {
            Files.createDirectories(baseDir);
            properties.setProperty("jclouds.filesystem.basedir", baseDir.toAbsolutePath().toRealPath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + baseDir + " for s3proxy", e);
        }
        return start("filesystem-nio2", properties, corsOrigins);
    }

    private static S3ProxyServer start(String provider, Properties properties, List<String> corsOrigins) {
        properties.setProperty("jclouds.identity", LocalCredentials.ACCESS_KEY);
        properties.setProperty("jclouds.credential", LocalCredentials.SECRET_KEY);
        BlobStore blobStore = BlobStores.create(provider, properties);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new KeyLockingBlobStore(blobStore))
                .endpoint(URI.create("http://" + Ports.LOOPBACK + ":0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, LocalCredentials.ACCESS_KEY,
                        LocalCredentials.SECRET_KEY)
                .stopTimeout(0)
                .corsRules(corsOrigins.isEmpty() ? CrossOriginResourceSharing.disabled()
                        : new CrossOriginResourceSharing(corsOrigins, List.of("GET", "HEAD", "PUT"), List.of("*"),
                                List.of("ETag"), "false"))
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(proxy);
            throw new IllegalStateException("interrupted while starting s3proxy", e);
        } catch (Exception e) {
            stopQuietly(proxy);
            throw new IllegalStateException("cannot start s3proxy", e);
        }
        return new S3ProxyServer(proxy);
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * Completes, with a sentence naming s3proxy and its port, when the embedded server stops
     * serving (its state leaves STARTED, or its port stops answering) without {@link #close()};
     * watched from the first call on, every second.
     */
    public synchronized CompletableFuture<String> died() {
        if (liveness == null) {
            int port = proxy.getPort();
            liveness = Liveness.watch("s3proxy-" + port,
                    () -> "STARTED".equals(proxy.getState()) && Ports.answers(port),
                    () -> "s3proxy (S3, embedded, port " + port + ") stopped serving (state " + proxy.getState() + ")");
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
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop s3proxy", e);
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // already failing to start; the start failure is what is reported
        }
    }
}
