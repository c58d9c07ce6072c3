package broadsheet.aws;

import broadsheet.core.publish.EdgeCacheException;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The CloudFront adapter against an HTTP stub on loopback that answers as CloudFront's API does
 * (REST-XML, 201 with the invalidation; 400 with an error code), pinning the request the SDK sends.
 */
class CloudFrontEdgeCacheTest {

    private static final String NS = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    private static final String DISTRIBUTION = "E2EXAMPLE12345";

    /** One request the stub received. */
    record Received(String method, String path, String authorization, String contentType, byte[] body) {
        Document xml() throws Exception {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 201;
    private volatile String answer = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Invalidation xmlns="%s"><Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status>\
            <CreateTime>2026-12-04T18:00:00.000Z</CreateTime><InvalidationBatch><Paths><Quantity>1</Quantity>\
            <Items><Path>/world/talks/index.html</Path></Items></Paths><CallerReference>r</CallerReference>\
            </InvalidationBatch></Invalidation>""".formatted(NS);
    private final HttpServer stub = start();
    private final SdkHttpClient client = UrlConnectionHttpClient.create();
    private final CloudFrontEdgeCache edge = new CloudFrontEdgeCache(client,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
            URI.create("http://127.0.0.1:" + stub.getAddress().getPort()), DISTRIBUTION);

    private HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestBody().readAllBytes()));
                byte[] body = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/xml");
                exchange.getResponseHeaders().add("x-amz-request-id", "stub");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        client.close();
        stub.stop(0);
    }

    private static List<String> texts(Document xml, String name) {
        NodeList nodes = xml.getElementsByTagNameNS(NS, name);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    @Test
    void sendsOneCreateInvalidationWithTheBatchReferenceAndEveryPath() throws Exception {
        edge.invalidate("3f2a9c", List.of("/world/talks/index.html", "/sport/talks/index.html"));

        assertThat(received).hasSize(1);
        Received request = received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2020-05-31/distribution/" + DISTRIBUTION + "/invalidation");
        assertThat(request.authorization()).as("SigV4 for CloudFront, which signs in us-east-1")
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/").contains("/us-east-1/cloudfront/aws4_request");
        assertThat(request.contentType()).isEqualTo("application/xml");
        Document xml = request.xml();
        assertThat(xml.getDocumentElement().getLocalName()).isEqualTo("InvalidationBatch");
        assertThat(texts(xml, "CallerReference")).containsExactly("3f2a9c");
        assertThat(texts(xml, "Quantity")).containsExactly("2");
        assertThat(texts(xml, "Path")).containsExactly("/sport/talks/index.html", "/world/talks/index.html");
    }

    @Test
    void theSameBatchAgainSendsTheSameRequest() {
        List<String> paths = List.of("/world/talks/index.html");

        edge.invalidate("3f2a9c", paths);
        edge.invalidate("3f2a9c", paths);

        assertThat(received).hasSize(2);
        assertThat(received.get(1).body()).as("same CallerReference and paths: CloudFront returns the first one")
                .isEqualTo(received.get(0).body());
    }

    @Test
    void sendsNothingForNoPaths() {
        edge.invalidate("3f2a9c", List.of());

        assertThat(received).isEmpty();
    }

    @Test
    void moreThanCloudFrontTakesInProgressIsSentAsOneWildcard() throws Exception {
        List<String> paths = IntStream.range(0, CloudFrontEdgeCache.MAX_PATHS + 1)
                .mapToObj(i -> "/world/story-" + i + "/index.html").toList();

        edge.invalidate("big", paths);

        Document xml = received.get(0).xml();
        assertThat(texts(xml, "Quantity")).containsExactly("1");
        assertThat(texts(xml, "Path")).containsExactly("/*");
        assertThat(CloudFrontEdgeCache.requested(paths.subList(0, CloudFrontEdgeCache.MAX_PATHS)))
                .hasSize(CloudFrontEdgeCache.MAX_PATHS);
    }

    @Test
    void tooManyInvalidationsInProgressIsAnEdgeCacheExceptionSoTheBatchIsRetried() {
        status = 400;
        answer = """
                <?xml version="1.0" encoding="UTF-8"?>
                <ErrorResponse xmlns="%s"><Error><Type>Sender</Type><Code>TooManyInvalidationsInProgress</Code>\
                <Message>Your request contains too many invalidations.</Message></Error>\
                <RequestId>stub</RequestId></ErrorResponse>""".formatted(NS);

        assertThatThrownBy(() -> edge.invalidate("3f2a9c", List.of("/world/talks/index.html")))
                .isInstanceOf(EdgeCacheException.class)
                .hasMessageContaining("too many invalidations in progress");
    }

    @Test
    void anyOtherFailureIsAnEdgeCacheExceptionToo() {
        status = 403;
        answer = """
                <?xml version="1.0" encoding="UTF-8"?>
                <ErrorResponse xmlns="%s"><Error><Type>Sender</Type><Code>AccessDenied</Code>\
                <Message>User is not authorized to perform: cloudfront:CreateInvalidation</Message></Error>\
                <RequestId>stub</RequestId></ErrorResponse>""".formatted(NS);

        assertThatThrownBy(() -> edge.invalidate("3f2a9c", List.of("/world/talks/index.html")))
                .isInstanceOf(EdgeCacheException.class).hasMessageContaining(DISTRIBUTION).hasMessageContaining("AccessDenied");
    }

    @Test
    void anUnreachableEndpointIsAnEdgeCacheException() {
        stub.stop(0);

        assertThatThrownBy(() -> edge.invalidate("3f2a9c", List.of("/world/talks/index.html")))
                .isInstanceOf(EdgeCacheException.class).hasMessageContaining(DISTRIBUTION);
    }
}
