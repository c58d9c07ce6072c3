package broadsheet.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs in a child JVM whose class path is only the shaded function jar and this class, with the
 * environment a deployed function gets: both handlers built by their no-argument constructors,
 * one article created, read and published. Prints one line per step for {@link ShadedJarIT}.
 */
public final class ShadedJarSmoke {

    private ShadedJarSmoke() {
    }

    public static void main(String[] args) throws Exception {
        String article = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        String slug = args[1];

        ApiHandler api = new ApiHandler();
        APIGatewayV2HTTPResponse created = api.handleRequest(request("POST", "/api/articles", article), null);
        System.out.println("post " + created.getStatusCode() + " " + created.getHeaders().get("ETag"));
        APIGatewayV2HTTPResponse read = api.handleRequest(request("GET", "/api/articles/" + slug, null), null);
        System.out.println("get " + read.getStatusCode() + " " + read.getHeaders().get("ETag"));

        StreamRecord record = new StreamRecord();
        record.setKeys(Map.of("pk", s("article#" + slug), "sk", s("article")));
        record.setNewImage(Map.ofEntries(
                Map.entry("pk", s("article#" + slug)), Map.entry("sk", s("article")),
                Map.entry("section", s("world")), Map.entry("slug", s(slug)),
                Map.entry("headline", s("Shaded jar smoke headline")), Map.entry("body", s("One paragraph.")),
                Map.entry("authors", list("Maria Lindqvist")), Map.entry("tags", list("smoke")),
                Map.entry("status", s("published")), Map.entry("publishAt", s("2026-11-29T12:00:00Z")),
                Map.entry("createdAt", s("2026-11-29T12:00:00Z")), Map.entry("updatedAt", s("2026-11-29T12:00:00Z")),
                Map.entry("version", n("1"))));
        record.setSequenceNumber("100000000000000000001");
        record.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.NEW_AND_OLD_IMAGES);
        DynamodbEvent.DynamodbStreamRecord streamRecord = new DynamodbEvent.DynamodbStreamRecord();
        streamRecord.setEventName("INSERT");
        streamRecord.setEventSource("aws:dynamodb");
        streamRecord.setDynamodb(record);
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(streamRecord));
        StreamsEventResponse published = new PublisherHandler().handleRequest(event, null);
        System.out.println("publish failures " + published.getBatchItemFailures().size());
    }

    private static APIGatewayV2HTTPEvent request(String method, String path, String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("ANY /api/{proxy+}")
                .withRawPath(path)
                .withHeaders(body == null ? Map.of() : Map.of("content-type", "application/json"))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withDomainName("api.broadsheet.example")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(Map.of("sub", "smoke", "cognito:groups", "[editors]")).build())
                                .build())
                        .build())
                .build();
    }

    private static AttributeValue s(String value) {
        return new AttributeValue().withS(value);
    }

    private static AttributeValue n(String value) {
        return new AttributeValue().withN(value);
    }

    private static AttributeValue list(String value) {
        return new AttributeValue().withL(List.of(s(value)));
    }
}
