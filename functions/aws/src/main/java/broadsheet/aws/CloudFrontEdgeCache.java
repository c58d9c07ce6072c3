package broadsheet.aws;

import broadsheet.core.publish.EdgeCache;
import broadsheet.core.publish.EdgeCacheException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link EdgeCache} on a CloudFront distribution: one {@code CreateInvalidation} per call, its
 * {@code CallerReference} the batch's reference, so a redelivered batch gets CloudFront's earlier
 * invalidation back instead of a second one (and a second bill).
 *
 * <p>The call is made on the SDK's own HTTP client and SigV4 signer rather than through the SDK's
 * CloudFront client: that client (its model covers the whole CloudFront API) adds 5.6 MB to the
 * functions jar, which then measures 19.7 MB against its 15 MB budget, for one operation whose
 * request is a few lines of XML ({@code POST /2020-05-31/distribution/{id}/invalidation}).
 *
 * <p>CloudFront allows 3,000 individual paths per distribution in progress at once (and 15
 * wildcard paths). A batch naming more than {@link #MAX_PATHS} paths, which the publisher's
 * bounded plans never reach (a stream batch of 10 changes names at most 10 × (sections + 1)),
 * could never be accepted, so it is sent as the single wildcard {@code /*}: the whole
 * distribution, billed as one path, at the price of refilling every edge cache from the bucket.
 * When paths of earlier batches are still in progress CloudFront answers
 * {@code TooManyInvalidationsInProgress}: that, like any other refusal or I/O failure, is an
 * {@link EdgeCacheException} and the stream delivers the batch again. Nothing is retried here.
 */
public final class CloudFrontEdgeCache implements EdgeCache {

    /** CloudFront's API endpoint (global; requests are signed for us-east-1). */
    public static final URI ENDPOINT = URI.create("https://cloudfront.amazonaws.com");

    /** Individual paths CloudFront accepts in progress per distribution. */
    public static final int MAX_PATHS = 3000;

    /** Every object of the distribution (one wildcard path). */
    public static final String EVERYTHING = "/*";

    static final String NAMESPACE = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final URI endpoint;
    private final String distributionId;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param http           the functions' HTTP client (url-connection)
     * @param credentials    the function's credentials (its role)
     * @param endpoint       {@link #ENDPOINT}, or a stub's address in tests
     * @param distributionId the distribution serving the site
     */
    public CloudFrontEdgeCache(SdkHttpClient http, AwsCredentialsProvider credentials, URI endpoint,
                               String distributionId) {
        this.http = Objects.requireNonNull(http, "http");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.distributionId = Objects.requireNonNull(distributionId, "distributionId");
        if (distributionId.isBlank()) {
            throw new IllegalArgumentException("distributionId must not be blank");
        }
    }

    @Override
    public void invalidate(String reference, Collection<String> paths) {
        if (paths.isEmpty()) {
            return;
        }
        List<String> items = requested(paths);
        byte[] body = invalidationBatch(reference, items);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .encodedPath("/2020-05-31/distribution/"
                        + URLEncoder.encode(distributionId, StandardCharsets.UTF_8) + "/invalidation")
                .putHeader("Content-Type", "application/xml")
                .build();
        int status;
        String answer;
        try {
            SignedRequest signed = signer.sign(r -> r
                    .identity(credentials.resolveCredentials())
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudfront")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElseThrow())
                    .build()).call();
            status = response.httpResponse().statusCode();
            answer = read(response);
        } catch (IOException | SdkException e) {
            throw new EdgeCacheException("cannot invalidate " + items.size() + " paths of distribution "
                    + distributionId, e);
        }
        if (status / 100 == 2) {
            return;
        }
        Matcher code = ERROR_CODE.matcher(answer);
        String error = code.find() ? code.group(1) : "HTTP " + status;
        if (error.equals("TooManyInvalidationsInProgress")) {
            throw new EdgeCacheException("distribution " + distributionId + " has too many invalidations in progress",
                    null);
        }
        throw new EdgeCacheException("CloudFront refused to invalidate " + items.size() + " paths of distribution "
                + distributionId + ": " + error + " (HTTP " + status + ")", null);
    }

    /** The paths as sent: sorted, or the one wildcard when there are more than CloudFront takes. */
    static List<String> requested(Collection<String> paths) {
        return paths.size() > MAX_PATHS ? List.of(EVERYTHING) : List.copyOf(new TreeSet<>(paths));
    }

    /** The {@code InvalidationBatch} document of {@code CreateInvalidation}. */
    static byte[] invalidationBatch(String reference, List<String> items) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<InvalidationBatch xmlns=\"").append(NAMESPACE).append("\">")
                .append("<CallerReference>").append(escape(reference)).append("</CallerReference>")
                .append("<Paths><Quantity>").append(items.size()).append("</Quantity><Items>");
        for (String item : items) {
            xml.append("<Path>").append(escape(item)).append("</Path>");
        }
        return xml.append("</Items></Paths></InvalidationBatch>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String read(HttpExecuteResponse response) throws IOException {
        if (response.responseBody().isEmpty()) {
            return "";
        }
        try (InputStream in = response.responseBody().get()) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        }
    }
}
