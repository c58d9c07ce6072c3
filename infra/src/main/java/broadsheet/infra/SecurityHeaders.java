package broadsheet.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;

/**
 * The security headers CloudFront sends with every answer of the site and of the editor app, in
 * place of whatever the origin sent: HSTS for two years with subdomains, {@code nosniff}, no
 * framing, and the content security policy and referrer policy each of them chooses.
 */
final class SecurityHeaders {

    static final Duration HSTS_MAX_AGE = Duration.days(730);

    private SecurityHeaders() {
    }

    static ResponseSecurityHeadersBehavior behavior(String contentSecurityPolicy, HeadersReferrerPolicy referrerPolicy) {
        return ResponseSecurityHeadersBehavior.builder()
                .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                        .accessControlMaxAge(HSTS_MAX_AGE)
                        .includeSubdomains(true)
                        .override(true)
                        .build())
                .contentSecurityPolicy(ResponseHeadersContentSecurityPolicy.builder()
                        .contentSecurityPolicy(contentSecurityPolicy)
                        .override(true)
                        .build())
                .contentTypeOptions(ResponseHeadersContentTypeOptions.builder().override(true).build())
                .referrerPolicy(ResponseHeadersReferrerPolicy.builder()
                        .referrerPolicy(referrerPolicy)
                        .override(true)
                        .build())
                .frameOptions(ResponseHeadersFrameOptions.builder()
                        .frameOption(HeadersFrameOption.DENY)
                        .override(true)
                        .build())
                .build();
    }
}
