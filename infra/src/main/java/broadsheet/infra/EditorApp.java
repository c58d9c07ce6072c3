package broadsheet.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.cloudfront.AccessLevel;
import software.amazon.awscdk.services.cloudfront.AddBehaviorOptions;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Function;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.FunctionRuntime;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOriginWithOACProps;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.CacheControl;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;
import software.constructs.IConstruct;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The editor app (module {@code editor}) in AWS, at {@code <site>/admin/}: a private bucket of
 * its own behind the site's distribution (behaviour {@value #PATH_PATTERN}, Origin Access
 * Control), filled at deploy time by a CDK {@code BucketDeployment} with the app's build output
 * and a {@value #CONFIG_FILE} written from the constructs (issuer, client id, callback and
 * sign-out URLs, managed login endpoints, API base, sections): nothing hand-edited, no secret.
 *
 * <p>A bucket of its own rather than {@code admin/} in the pages bucket: the publisher and the
 * rebuild own every key of the pages bucket (and the publisher's role may delete any of them),
 * the pages bucket keeps 30 days of versions of each page, and the app needs other headers (a
 * CSP naming the sign-in origins) and other caching than the pages. Here the app's deployment
 * owns the whole bucket, so it may prune what an older build left behind, and nothing of the
 * site's can be touched by it.
 */
public final class EditorApp extends Construct {

    /** Where the app lives on the site (and its key prefix in its bucket). */
    public static final String PATH_PATTERN = "/admin/*";
    public static final String KEY_PREFIX = "admin/";
    public static final String CONFIG_FILE = "config.json";
    /** The files of the build output the app cannot start without. */
    public static final List<String> REQUIRED_FILES = List.of("index.html", "app.js", "app.css");
    /** Key prefix of the app bucket's server access logs in the logs bucket. */
    public static final String BUCKET_LOG_PREFIX = "s3/editor/";
    static final String ROUTES_SOURCE = "editor-app-routes.js";
    /** The newsroom's time zone for schedule pickers and times shown (the local stack's too). */
    public static final String NEWSROOM_TIME_ZONE = "Europe/London";
    /**
     * Who may PUT a presigned upload into the pages bucket from a browser when the site has no
     * domain of its own: the distribution's {@code *.cloudfront.net} name cannot be named here,
     * as the distribution already depends on the bucket (its origin), and a CORS rule naming the
     * distribution would close a circle. The presigned signature, not CORS, decides what is written.
     */
    public static final String CLOUDFRONT_ORIGINS = "https://*.cloudfront.net";

    /**
     * The build output to deploy and the site's sections (for the app's section filter).
     *
     * @param directory the editor module's build output ({@code index.html}, {@code app.js}, {@code app.css})
     * @param sections  {@code slug} and {@code title} of each section, in the site's order
     */
    public record Build(Path directory, List<Map<String, String>> sections) {

        public Build {
            sections = List.copyOf(sections);
        }

        /**
         * The build in {@code directory}, with the sections of the site config
         * {@code templates/site.json}; fails with the build command when the app is not built.
         */
        public static Build of(Path directory, Path siteJson) {
            for (String file : REQUIRED_FILES) {
                if (!Files.isRegularFile(directory.resolve(file))) {
                    throw new IllegalArgumentException("editor app build output " + directory.toAbsolutePath()
                            + " has no " + file + ": build it first (mvn -B -pl editor -am package)");
                }
            }
            return new Build(directory, sections(siteJson));
        }

        static List<Map<String, String>> sections(Path siteJson) {
            JsonNode site;
            try (InputStream in = Files.newInputStream(siteJson)) {
                site = JsonMapper.builder().build().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the site config " + siteJson, e);
            }
            List<Map<String, String>> sections = new ArrayList<>();
            for (JsonNode section : site.path("sections")) {
                sections.add(Map.of("slug", section.required("slug").asString(), "title", section.required("title").asString()));
            }
            if (sections.isEmpty()) {
                throw new IllegalArgumentException("the site config " + siteJson + " names no sections");
            }
            return sections;
        }
    }

    private final Bucket bucket;
    private final ResponseHeadersPolicy headers;
    private final Map<String, Object> config;
    private final BucketDeployment deployment;
    private final Role deployRole;

    public EditorApp(Construct scope, String id, StageSettings stage, Build build, PagesBucket pages,
            SiteDistribution site, Editors editors) {
        super(scope, id);
        this.bucket = Bucket.Builder.create(this, "Bucket")
                .serverAccessLogsBucket(pages.logs())
                .serverAccessLogsPrefix(BUCKET_LOG_PREFIX)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .removalPolicy(stage.dataRemovalPolicy())
                .build();

        String authDomain = editors.domain().baseUrl();
        // The app PUTs lead images straight to the pages bucket with a presigned URL
        // (virtual-hosted style: https://<bucket>.s3.<region>.amazonaws.com/media/...).
        String uploadOrigin = "https://" + pages.bucket().getBucketRegionalDomainName();
        pages.bucket().addCorsRule(CorsRule.builder()
                .allowedMethods(List.of(HttpMethods.PUT))
                .allowedOrigins(List.of(Token.isUnresolved(site.siteUrl()) ? CLOUDFRONT_ORIGINS : site.siteUrl()))
                .allowedHeaders(List.of("content-type"))
                .maxAge(3000)
                .build());
        this.headers = ResponseHeadersPolicy.Builder.create(this, "SecurityHeaders")
                .comment("Broadsheet editor app security headers (" + stage.name() + ")")
                // no referrer: the sign-in answer (?code=&state=) is in the URL until the app removes it
                .securityHeadersBehavior(SecurityHeaders.behavior(
                        contentSecurityPolicy(uploadOrigin, editors.issuerOrigin(), authDomain),
                        HeadersReferrerPolicy.NO_REFERRER))
                .build();
        Function routes = Function.Builder.create(this, "Routes")
                .comment("Serves admin/index.html for every route of the editor app")
                .runtime(FunctionRuntime.JS_2_0)
                .code(FunctionCode.fromInline(routesSource()))
                .build();
        // Every object is sent with Cache-Control: no-cache: browsers revalidate (ETag) on each
        // load, and CloudFront keeps an object for the cache policy's minimum TTL (1 s) only, so
        // a deploy is seen at once without an invalidation (the files are few and small).
        site.distribution().addBehavior(PATH_PATTERN,
                S3BucketOrigin.withOriginAccessControl(bucket, S3BucketOriginWithOACProps.builder()
                        .originAccessLevels(List.of(AccessLevel.READ, AccessLevel.LIST))
                        .build()),
                AddBehaviorOptions.builder()
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                        .compress(true)
                        .responseHeadersPolicy(headers)
                        .functionAssociations(List.of(FunctionAssociation.builder()
                                .function(routes)
                                .eventType(FunctionEventType.VIEWER_REQUEST)
                                .build()))
                        .build());

        this.config = config(build, site, editors, authDomain);
        LogGroup logs = LogGroup.Builder.create(this, "DeploymentLogs")
                .retention(stage.logRetention())
                .removalPolicy(stage.dataRemovalPolicy())
                .build();
        // The deployment's handler gets a role of our own, statement by statement; CDK's grants
        // (s3:GetObject*, s3:List*, s3:DeleteObject* on the buckets) are left out.
        PolicyDocument policy = PolicyDocument.Builder.create()
                .statements(new ArrayList<>(List.of(
                        allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"), logs.getLogGroupArn()),
                        allow(List.of("s3:ListBucket"), bucket.getBucketArn()),
                        allow(List.of("s3:PutObject", "s3:DeleteObject"), bucket.arnForObjects(KEY_PREFIX + "*")))))
                .build();
        this.deployRole = Role.Builder.create(this, "DeploymentRole")
                .description("Copies the editor app into its bucket (CDK BucketDeployment)")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .inlinePolicies(Map.of("least-privilege", policy))
                .build();
        this.deployment = BucketDeployment.Builder.create(this, "Deployment")
                .sources(List.of(Source.asset(build.directory().toString()), Source.jsonData(CONFIG_FILE, config)))
                .destinationBucket(bucket)
                .destinationKeyPrefix(KEY_PREFIX)
                .prune(true)
                .retainOnDelete(true)
                .cacheControl(List.of(CacheControl.noCache()))
                .role(deployRole.withoutPolicyUpdates())
                .logGroup(logs)
                .build();
        // the two zip assets the handler downloads: those and no other object of the staging bucket
        for (IConstruct child : deployment.getNode().getChildren()) {
            if (child instanceof Asset asset) {
                policy.addStatements(allow(List.of("s3:GetObject"), asset.getBucket().arnForObjects(asset.getS3ObjectKey())));
            }
        }
    }

    /**
     * The CSP of the app: scripts, styles and images from the site only, no inline script or
     * style, and connections to the site (the app and the API under {@code /api/}), the pages
     * bucket (presigned image uploads), the user pool's issuer (discovery document) and the
     * managed login domain (token and revoke endpoints); the sign-in itself is a top-level
     * navigation, which CSP does not restrict. The preview frame is a {@code srcdoc} document,
     * which inherits this policy.
     */
    static String contentSecurityPolicy(String uploadOrigin, String issuerOrigin, String authDomain) {
        return String.join("; ",
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' data:",
                "connect-src 'self' " + uploadOrigin + " " + issuerOrigin + " " + authDomain,
                "form-action 'self'",
                "frame-ancestors 'none'",
                "base-uri 'none'");
    }

    /** What {@value #CONFIG_FILE} holds: the same keys the local stack serves, and the managed login endpoints. */
    private static Map<String, Object> config(Build build, SiteDistribution site, Editors editors, String authDomain) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("issuer", editors.issuer());
        config.put("clientId", editors.appClient().getUserPoolClientId());
        config.put("redirectUri", editors.callbackUrl());
        config.put("logoutUri", editors.signedOutUrl());
        config.put("api", site.siteUrl() + "/api");
        config.put("editorGroup", Editors.EDITOR_GROUP);
        config.put("timeZone", NEWSROOM_TIME_ZONE);
        config.put("sections", build.sections());
        config.put("authDomain", authDomain);
        config.put("authorizationEndpoint", authDomain + "/oauth2/authorize");
        config.put("tokenEndpoint", authDomain + "/oauth2/token");
        config.put("revocationEndpoint", authDomain + "/oauth2/revoke");
        config.put("logoutEndpoint", authDomain + "/logout");
        return config;
    }

    private static PolicyStatement allow(List<String> actions, String resource) {
        return PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions).resources(List.of(resource)).build();
    }

    public Bucket bucket() {
        return bucket;
    }

    public ResponseHeadersPolicy headers() {
        return headers;
    }

    public BucketDeployment deployment() {
        return deployment;
    }

    public Role deployRole() {
        return deployRole;
    }

    static String routesSource() {
        try (InputStream in = EditorApp.class.getResourceAsStream(ROUTES_SOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + ROUTES_SOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
