package broadsheet.local;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one HTTP port of the local stack: {@code /api/...} goes to the API bridge, everything else
 * to the site server, as CloudFront routes the two origins in production. A request that Jetty
 * refuses before any Broadsheet code runs (not a URI, an ambiguous path, headers too large) is
 * answered with a problem document by {@link ProblemErrorHandler}.
 */
public final class LocalHttpServer implements AutoCloseable {

    public static final String API_PREFIX = "/api/";

    private final Server server;
    private final ServerConnector connector;

    private LocalHttpServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Binds {@code host:port} (port 0: any free port); serving starts with {@link #serve}. */
    public static LocalHttpServer bind(String host, int port) {
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("broadsheet-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptQueueSize(64);
        server.addConnector(connector);
        server.setErrorHandler(new ProblemErrorHandler());
        try {
            connector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port
                    + " (is another Broadsheet running? choose another port with --port)", e);
        }
        return new LocalHttpServer(server, connector);
    }

    /** Binds and serves at once. */
    public static LocalHttpServer start(String host, int port, Request.Handler api, Request.Handler site) {
        LocalHttpServer server = bind(host, port);
        server.serve(api, site);
        return server;
    }

    /**
     * Routes {@code /api/...} to {@code api} and everything else to {@code site}, and starts serving.
     * The route is chosen on the path as sent, which is the path both handlers read.
     */
    public void serve(Request.Handler api, Request.Handler site) {
        serve(Map.of(API_PREFIX, api), site);
    }

    /**
     * Routes each path to the handler of the first prefix it starts with ({@code /api/} to the
     * API bridge, {@code /oidc/} to the local sign-in, ...), everything else to {@code site}, and
     * starts serving. The route is chosen on the path as sent, which is the path the handlers read.
     */
    public void serve(Map<String, Request.Handler> byPrefix, Request.Handler site) {
        Map<String, Request.Handler> routes = new LinkedHashMap<>(byPrefix);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = request.getHttpURI().getPath();
                for (Map.Entry<String, Request.Handler> route : routes.entrySet()) {
                    if (path.startsWith(route.getKey())) {
                        return route.getValue().handle(request, response, callback);
                    }
                }
                return site.handle(request, response, callback);
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the local HTTP server", e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The base URL, e.g. {@code http://localhost:8080}. */
    public URI baseUrl() {
        return URI.create("http://localhost:" + port());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the local HTTP server", e);
        }
    }
}
