package broadsheet.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** A small HTTP client for tests that talk to a running local stack, as a browser or curl would. */
final class Http {

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;

    Http(URI base) {
        this.base = base;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, byte[] json, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> putJson(String path, byte[] json, String token, String ifMatch)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("If-Match", ifMatch)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String path, String token, String ifMatch) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .header("If-Match", ifMatch).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code path} until it answers {@code status} or {@code within} has passed; the last status. */
    int awaitStatus(String path, int status, Duration within) throws IOException, InterruptedException {
        return await(path, response -> response.statusCode() == status, within).statusCode();
    }

    /**
     * GETs {@code path} until it answers 200 or {@code within} has passed; the last response
     * either way. Publishing is asynchronous, like the stream in AWS, so readers poll.
     */
    HttpResponse<String> awaitPage(String path, Duration within) throws IOException, InterruptedException {
        return await(path, response -> response.statusCode() == 200, within);
    }

    /** GETs {@code path} until it answers 200 with {@code text} in its body or {@code within} has passed; the last answer. */
    HttpResponse<String> awaitText(String path, String text, Duration within) throws IOException, InterruptedException {
        return await(path, response -> response.statusCode() == 200 && response.body().contains(text), within);
    }

    private HttpResponse<String> await(String path, Predicate<HttpResponse<String>> done, Duration within)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        HttpResponse<String> response = get(path);
        while (!done.test(response) && System.nanoTime() < deadline) {
            Thread.sleep(25);
            response = get(path);
        }
        return response;
    }
}
