package broadsheet.local;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one HTTP port of the local stack: {@code /api/...} goes to the API bridge, everything else
 * to the site server, as CloudFront routes the two origins in production.
 */
public final class LocalHttpServer implements AutoCloseable {

    public static final String API_PREFIX = "/api/";

    private final HttpServer server;
    private final ExecutorService executor;

    private LocalHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds {@code host:port} (port 0: any free port); serving starts with {@link #serve}. */
    public static LocalHttpServer bind(String host, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port
                    + " (is another Broadsheet running? choose another port with --port)", e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "broadsheet-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        return new LocalHttpServer(server, executor);
    }

    /** Binds and serves at once. */
    public static LocalHttpServer start(String host, int port, HttpHandler api, HttpHandler site) {
        LocalHttpServer server = bind(host, port);
        server.serve(api, site);
        return server;
    }

    /** Routes {@code /api/...} to {@code api} and everything else to {@code site}, and starts serving. */
    public void serve(HttpHandler api, HttpHandler site) {
        server.createContext(API_PREFIX, api);
        server.createContext("/", site);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL, e.g. {@code http://localhost:8080}. */
    public URI baseUrl() {
        return URI.create("http://localhost:" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
