package broadsheet.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.CertificateValidation;
import software.amazon.awscdk.services.certificatemanager.ICertificate;
import software.amazon.awscdk.services.route53.ARecord;
import software.amazon.awscdk.services.route53.AaaaRecord;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.amazon.awscdk.services.route53.RecordTarget;
import software.amazon.awscdk.services.route53.targets.CloudFrontTarget;
import software.amazon.awscdk.services.cloudfront.AccessLevel;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.ErrorResponse;
import software.amazon.awscdk.services.cloudfront.Function;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.FunctionRuntime;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.SecurityPolicyProtocol;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.cloudfront.origins.HttpOriginProps;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOriginWithOACProps;
import software.constructs.Construct;

/**
 * What readers talk to: CloudFront in front of the pages bucket (through Origin Access
 * Control) and, under {@code /api/*}, in front of the editors' HTTP API.
 */
public final class SiteDistribution extends Construct {

    public static final String NOT_FOUND_PAGE = "/404.html";
    public static final String API_PATH_PATTERN = "/api/*";
    /** Pages are static HTML and CSS of our own; images of lead photos may come from any https host. */
    public static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "img-src 'self' https: data:",
            "style-src 'self'",
            "script-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "upgrade-insecure-requests");
    static final String PRETTY_URLS_SOURCE = "pretty-urls.js";
    /** The stack output naming the DNS record to create when the domain is not on Route 53. */
    public static final String DNS_RECORD_OUTPUT = "SiteDnsRecord";
    /**
     * Object metadata the publisher keeps for itself (revision, content hash, redirect target):
     * S3 returns it as {@code x-amz-meta-*} headers, which readers have no use for.
     */
    public static final List<String> INTERNAL_HEADERS = List.of(
            "x-amz-meta-revision", "x-amz-meta-sha256", "x-amz-meta-redirect-location");

    /** The TLS policy viewers get on the site's own domain (with a certificate of ours). */
    public static final SecurityPolicyProtocol MINIMUM_TLS = SecurityPolicyProtocol.TLS_V1_2_2021;

    private final Distribution distribution;
    private final Optional<CustomDomain> domain;
    private IHostedZone zone;

    public SiteDistribution(Construct scope, String id, StageSettings stage, PagesBucket pages, EditorApi api,
            Optional<CustomDomain> domain) {
        super(scope, id);
        this.domain = domain;
        Function prettyUrls = Function.Builder.create(this, "PrettyUrls")
                .comment("Serves <path>/index.html for <path>/ and redirects <path> to <path>/")
                .runtime(FunctionRuntime.JS_2_0)
                .code(FunctionCode.fromInline(prettyUrlsSource()))
                .build();
        ResponseHeadersPolicy headers = ResponseHeadersPolicy.Builder.create(this, "SecurityHeaders")
                .comment("Broadsheet security headers (" + stage.name() + ")")
                .removeHeaders(INTERNAL_HEADERS)
                .securityHeadersBehavior(SecurityHeaders.behavior(CONTENT_SECURITY_POLICY,
                        HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .build();

        // LIST lets S3 answer 404 (not 403) for a missing page, so only 404 needs a custom
        // error response and the API's own 403s pass through untouched.
        BehaviorOptions site = BehaviorOptions.builder()
                .origin(S3BucketOrigin.withOriginAccessControl(pages.bucket(), S3BucketOriginWithOACProps.builder()
                        .originAccessLevels(List.of(AccessLevel.READ, AccessLevel.LIST))
                        .build()))
                .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                .compress(true)
                .responseHeadersPolicy(headers)
                .functionAssociations(List.of(FunctionAssociation.builder()
                        .function(prettyUrls)
                        .eventType(FunctionEventType.VIEWER_REQUEST)
                        .build()))
                .build();
        // No caching, every method, every viewer header (Authorization included) but Host,
        // which API Gateway needs to be its own domain.
        BehaviorOptions editorApi = BehaviorOptions.builder()
                .origin(new HttpOrigin(api.domainName(), HttpOriginProps.builder()
                        .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
                        .build()))
                .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                .allowedMethods(AllowedMethods.ALLOW_ALL)
                .cachePolicy(CachePolicy.CACHING_DISABLED)
                .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                .compress(true)
                .responseHeadersPolicy(headers)
                .build();

        Distribution.Builder builder = Distribution.Builder.create(this, "Distribution")
                .comment("Broadsheet site (" + stage.name() + ")")
                .enableLogging(true)
                .logBucket(pages.logs())
                .logFilePrefix(PagesBucket.CDN_LOG_PREFIX)
                .defaultRootObject("index.html")
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .enableIpv6(true)
                .priceClass(PriceClass.PRICE_CLASS_100)
                .defaultBehavior(site)
                .additionalBehaviors(Map.of(API_PATH_PATTERN, editorApi))
                .errorResponses(List.of(ErrorResponse.builder()
                        .httpStatus(404)
                        .responseHttpStatus(404)
                        .responsePagePath(NOT_FOUND_PAGE)
                        .ttl(Duration.minutes(1))
                        .build()));
        domain.ifPresent(custom -> builder
                .domainNames(List.of(custom.name()))
                .certificate(certificate(custom))
                .minimumProtocolVersion(MINIMUM_TLS));
        this.distribution = builder.build();
        domain.ifPresent(this::dnsRecords);
        Annotations.of(distribution).acknowledgeWarning("@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk",
                "defaultRootObject is index.html and the pretty-URL function maps every path ending in / to"
                        + " <path>/index.html, so no request asks the pages bucket for a listing; the editor app's"
                        + " bucket (EditorApp) is reached only under /admin/*, where its function maps every route"
                        + " to admin/index.html");
    }

    /**
     * The given us-east-1 certificate, or one the stack requests and validates in the hosted
     * zone, which it can only do when it is itself deployed in us-east-1.
     */
    private ICertificate certificate(CustomDomain custom) {
        if (custom.certificateArn().isPresent()) {
            return Certificate.fromCertificateArn(this, "Certificate", custom.certificateArn().get());
        }
        String region = Stack.of(this).getRegion();
        if (Token.isUnresolved(region) || !CustomDomain.CERTIFICATE_REGION.equals(region)) {
            throw new IllegalArgumentException("siteDomain " + custom.name() + ": CloudFront takes certificates from "
                    + CustomDomain.CERTIFICATE_REGION + " only and this stack is in " + region
                    + "; request one there (aws acm request-certificate --region us-east-1 --domain-name "
                    + custom.name() + " --validation-method DNS) and set certificateArn");
        }
        return Certificate.Builder.create(this, "Certificate")
                .domainName(custom.name())
                .validation(CertificateValidation.fromDns(zone(custom)))
                .build();
    }

    private IHostedZone zone(CustomDomain custom) {
        if (zone == null) {
            zone = HostedZone.fromHostedZoneAttributes(this, "Zone", HostedZoneAttributes.builder()
                    .hostedZoneId(custom.hostedZoneId().orElseThrow())
                    .zoneName(custom.hostedZoneName().orElseThrow())
                    .build());
        }
        return zone;
    }

    /** Alias records in the hosted zone, or the record to create at an outside DNS provider. */
    private void dnsRecords(CustomDomain custom) {
        if (custom.hostedZoneId().isPresent()) {
            RecordTarget target = RecordTarget.fromAlias(new CloudFrontTarget(distribution));
            ARecord.Builder.create(this, "AliasIpv4").zone(zone(custom)).recordName(custom.name() + ".").target(target).build();
            AaaaRecord.Builder.create(this, "AliasIpv6").zone(zone(custom)).recordName(custom.name() + ".").target(target).build();
        } else {
            CfnOutput.Builder.create(Stack.of(this), DNS_RECORD_OUTPUT)
                    .description("Create this record at the DNS provider of " + custom.name()
                            + " (an apex name needs the provider's ALIAS/ANAME record instead of CNAME)")
                    .value(custom.name() + ". CNAME " + distribution.getDistributionDomainName() + ".")
                    .build();
        }
    }

    public Distribution distribution() {
        return distribution;
    }

    /**
     * The site's base URL without a trailing slash: {@code https://<siteDomain>} with a custom
     * domain, else {@code https://<id>.cloudfront.net}.
     */
    public String siteUrl() {
        return domain.map(CustomDomain::baseUrl).orElse("https://" + distribution.getDistributionDomainName());
    }

    static String prettyUrlsSource() {
        try (InputStream in = SiteDistribution.class.getResourceAsStream(PRETTY_URLS_SOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + PRETTY_URLS_SOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
