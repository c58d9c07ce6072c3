package broadsheet.infra;

import java.util.Locale;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * What differs between the stages Broadsheet is deployed to. Everything else in the stack is
 * identical for every stage, so a change tried in {@code dev} is the change that reaches
 * {@code prod}.
 *
 * @param name            stage name, part of the stack name ({@code Broadsheet-<name>})
 * @param production      keeps data on stack deletion and turns on deletion protection
 * @param apiMemoryMb     memory of the API function (CPU scales with it)
 * @param publisherMemoryMb memory of the publisher function
 * @param logRetention    how long function and access logs are kept
 * @param apiRateLimit    steady-state requests per second the HTTP API accepts
 * @param apiBurstLimit   burst of requests the HTTP API accepts
 * @param maxRecordAge    how long the publisher keeps retrying one stream record before it goes to the DLQ
 */
public record StageSettings(
        String name,
        boolean production,
        int apiMemoryMb,
        int publisherMemoryMb,
        RetentionDays logRetention,
        int apiRateLimit,
        int apiBurstLimit,
        Duration maxRecordAge) {

    public static final String DEV = "dev";
    public static final String PROD = "prod";

    public static StageSettings dev() {
        return new StageSettings(DEV, false, 1024, 1536, RetentionDays.TWO_WEEKS, 20, 40, Duration.hours(1));
    }

    public static StageSettings prod() {
        return new StageSettings(PROD, true, 1024, 2048, RetentionDays.THREE_MONTHS, 100, 200, Duration.hours(6));
    }

    /** The settings of a stage named on the command line ({@code -c stage=prod}). */
    public static StageSettings named(String stage) {
        return switch (stage.toLowerCase(Locale.ROOT)) {
            case DEV -> dev();
            case PROD -> prod();
            default -> throw new IllegalArgumentException(
                    "unknown stage '" + stage + "': expected " + DEV + " or " + PROD);
        };
    }

    public String stackName() {
        return "Broadsheet-" + name;
    }

    /** Days the S3 and CloudFront access logs are kept: as long as the function logs. */
    public int accessLogDays() {
        return switch (logRetention) {
            case TWO_WEEKS -> 14;
            case THREE_MONTHS -> 90;
            default -> throw new IllegalStateException("no access log lifetime for " + logRetention);
        };
    }

    /** Data (table, bucket, user pool) survives deleting a production stack. */
    public RemovalPolicy dataRemovalPolicy() {
        return production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    }
}
