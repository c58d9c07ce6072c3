package broadsheet.lambda;

import java.io.IOException;
import java.io.InputStream;

/**
 * Runs in a child JVM whose class path is the shaded function jar and the test classes, with the
 * environment a deployed function gets: the handlers built by their no-argument constructors and
 * invoked as the Lambda runtime invokes a stream handler (event JSON bytes in, answer bytes out),
 * with events from the fixtures: one article created, read and published, a media upload signed
 * and a schedule sweep. Prints one line per step for {@link ShadedJarIT}.
 */
public final class ShadedJarSmoke {

    private ShadedJarSmoke() {
    }

    public static void main(String[] args) throws IOException {
        ApiHandler api = new ApiHandler();
        HttpResponse created = Invocations.api(api, ApiEvents.fixture("post-article.json"));
        System.out.println("post " + created.status() + " " + created.headers().get("ETag"));
        HttpResponse read = Invocations.api(api, ApiEvents.fixture("get-article.json"));
        System.out.println("get " + read.status() + " " + read.headers().get("ETag"));

        byte[] batch;
        try (InputStream in = ShadedJarSmoke.class.getClassLoader().getResourceAsStream("events/stream/article-batch.json")) {
            batch = in.readAllBytes();
        }
        StreamBatchResponse published = StreamEventJson.readResponse(Invocations.invoke(new PublisherHandler(), batch));
        System.out.println("publish failures " + published.failedSequenceNumbers().size());

        HttpResponse media = Invocations.api(api, ApiEvents.fixture("post-article.json").path("/api/media")
                .body("{\"filename\":\"a.png\",\"contentType\":\"image/png\",\"size\":10}"));
        System.out.println("media " + media.status() + " " + upload(media.bodyText()));
        System.out.println("sweep " + Invocations.schedule(new ScheduleHandler(), "{\"sweep\": true}"));
    }

    /** Where the presigned URL points, up to the media folder: it must address the configured bucket. */
    private static String upload(String body) {
        String url = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body).path("uploadUrl").asString();
        return url.contains("/media/") ? url.substring(0, url.indexOf("/media/") + "/media/".length()) : url;
    }
}
