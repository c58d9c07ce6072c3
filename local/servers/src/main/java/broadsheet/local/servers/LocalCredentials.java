package broadsheet.local.servers;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.net.URI;

/**
 * The fixed credentials and region of the local servers. s3proxy checks the signature against
 * this key pair; dynalite accepts any signed request.
 */
public final class LocalCredentials {

    public static final String ACCESS_KEY = "broadsheet-local";
    public static final String SECRET_KEY = "broadsheet-local-secret";
    public static final Region REGION = Region.US_EAST_1;

    private LocalCredentials() {
    }

    public static AwsCredentialsProvider provider() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** Local servers at these endpoints, signed with this key pair in this region. */
    public static AwsEndpoints endpoints(URI dynamoDb, URI s3) {
        return new AwsEndpoints(dynamoDb, s3, REGION, ACCESS_KEY, SECRET_KEY);
    }
}
