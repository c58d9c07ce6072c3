package broadsheet.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.IOException;
import java.io.InputStream;

/**
 * Runs in a child JVM whose class path is the shaded function jar, the Lambda event serializer
 * (which the Java runtime brings) and this class, with the environment a deployed function gets:
 * both handlers built by their no-argument constructors, events read from the fixtures by the
 * runtime's serializer, one article created, read and published. Prints one line per step for
 * {@link ShadedJarIT}.
 */
public final class ShadedJarSmoke {

    private ShadedJarSmoke() {
    }

    public static void main(String[] args) throws IOException {
        ClassLoader loader = ShadedJarSmoke.class.getClassLoader();

        ApiHandler api = new ApiHandler();
        APIGatewayV2HTTPResponse created = api.handleRequest(apiEvent(loader, "post-article.json"), null);
        System.out.println("post " + created.getStatusCode() + " " + created.getHeaders().get("ETag"));
        APIGatewayV2HTTPResponse read = api.handleRequest(apiEvent(loader, "get-article.json"), null);
        System.out.println("get " + read.getStatusCode() + " " + read.getHeaders().get("ETag"));

        DynamodbEvent batch;
        try (InputStream in = loader.getResourceAsStream("events/stream/article-batch.json")) {
            batch = LambdaEventSerializers.serializerFor(DynamodbEvent.class, loader).fromJson(in);
        }
        StreamsEventResponse published = new PublisherHandler().handleRequest(batch, null);
        System.out.println("publish failures " + published.getBatchItemFailures().size());
    }

    private static APIGatewayV2HTTPEvent apiEvent(ClassLoader loader, String name) throws IOException {
        try (InputStream in = loader.getResourceAsStream("events/api/" + name)) {
            return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, loader).fromJson(in);
        }
    }
}
