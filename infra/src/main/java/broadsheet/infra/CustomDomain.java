package broadsheet.infra;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The site's own domain name (context {@code siteDomain}), instead of the distribution's
 * {@code <id>.cloudfront.net}. CloudFront only takes certificates from ACM in us-east-1:
 * either name one ({@code certificateArn}), or give the Route 53 hosted zone
 * ({@code hostedZoneId} and {@code hostedZoneName}) of a stack deployed in us-east-1 and the
 * stack requests a DNS-validated certificate itself. With a hosted zone the stack also creates
 * the alias records (A and AAAA); without one it prints the record to create at the DNS provider.
 *
 * @param name            the site's host name, e.g. {@code news.example.com}
 * @param hostedZoneId    Route 53 hosted zone holding {@code name}, if the domain is on Route 53
 * @param hostedZoneName  that zone's name, e.g. {@code example.com}
 * @param certificateArn  an ACM certificate in us-east-1 covering {@code name}
 */
public record CustomDomain(String name, Optional<String> hostedZoneId, Optional<String> hostedZoneName,
        Optional<String> certificateArn) {

    /** The only region whose ACM certificates CloudFront uses. */
    public static final String CERTIFICATE_REGION = "us-east-1";
    private static final Pattern HOST = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern CERTIFICATE = Pattern.compile("arn:aws[\\w-]*:acm:us-east-1:\\d{12}:certificate/[\\w-]+");

    public CustomDomain {
        if (!HOST.matcher(name).matches()) {
            throw new IllegalArgumentException("siteDomain '" + name + "' is not a lower-case host name like news.example.com");
        }
        if (hostedZoneId.isPresent() != hostedZoneName.isPresent()) {
            throw new IllegalArgumentException("set both hostedZoneId and hostedZoneName, or neither");
        }
        hostedZoneName.ifPresent(zone -> {
            if (!name.equals(zone) && !name.endsWith("." + zone)) {
                throw new IllegalArgumentException("siteDomain " + name + " is not in the hosted zone " + zone);
            }
        });
        certificateArn.ifPresent(arn -> {
            if (!CERTIFICATE.matcher(arn).matches()) {
                throw new IllegalArgumentException("certificateArn " + arn + " is not an ACM certificate in "
                        + CERTIFICATE_REGION + " (CloudFront uses no other region's certificates)");
            }
        });
        if (certificateArn.isEmpty() && hostedZoneId.isEmpty()) {
            throw new IllegalArgumentException("siteDomain " + name + " needs a certificate: set certificateArn (ACM, "
                    + CERTIFICATE_REGION + ") or hostedZoneId and hostedZoneName (Route 53, stack in "
                    + CERTIFICATE_REGION + ")");
        }
    }

    /** {@code https://<name>}, without a trailing slash. */
    public String baseUrl() {
        return "https://" + name;
    }

    /** Whether the stack must request the certificate (no ARN given) in the hosted zone. */
    public boolean requestsCertificate() {
        return certificateArn.isEmpty();
    }
}
