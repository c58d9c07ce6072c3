package broadsheet.aws;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP client that, for the first {@code times} requests of one method to one object key,
 * lets the request reach the server and then reports an {@link IOException} instead of the
 * answer: what the url-connection client reports when the server has stored an upload but the
 * connection fails before the client has read the response ({@code Error writing request body to
 * server}). With {@code reachServer} false the request is not sent at all (the connection fails
 * before anything arrives).
 */
final class LosingHttpClient implements SdkHttpClient {

    private final SdkHttpClient delegate;
    private final SdkHttpMethod method;
    private final String keySuffix;
    private final boolean reachServer;
    private final AtomicInteger left;
    private final AtomicInteger lost = new AtomicInteger();

    LosingHttpClient(SdkHttpClient delegate, SdkHttpMethod method, String key, int times, boolean reachServer) {
        this.delegate = delegate;
        this.method = method;
        this.keySuffix = "/" + key;
        this.reachServer = reachServer;
        this.left = new AtomicInteger(times);
    }

    /** Requests whose answer was replaced by an {@link IOException}. */
    int lost() {
        return lost.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest real = delegate.prepareRequest(request);
        boolean matches = request.httpRequest().method() == method
                && request.httpRequest().encodedPath().endsWith(keySuffix);
        if (!matches) {
            return real;
        }
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                if (left.getAndDecrement() <= 0) {
                    return real.call();
                }
                lost.incrementAndGet();
                if (reachServer) {
                    HttpExecuteResponse response = real.call();
                    if (response.responseBody().isPresent()) {
                        try (InputStream body = response.responseBody().get()) {
                            body.readAllBytes();
                        }
                    }
                }
                throw new IOException("Error writing request body to server");
            }

            @Override
            public void abort() {
                real.abort();
            }
        };
    }

    @Override
    public void close() {
        delegate.close();
    }
}
