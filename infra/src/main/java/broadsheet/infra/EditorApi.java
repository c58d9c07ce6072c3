package broadsheet.infra;

import java.util.List;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStageOptions;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpUserPoolAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpUserPoolAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The editors' HTTP API. Every route needs a valid Cognito JWT (checked by API Gateway before
 * the function runs); membership of the {@code editors} group is then checked by the handler,
 * which gets the group claim name and group through its environment.
 */
public final class EditorApi extends Construct {

    public static final String ARTICLES = "/api/articles";
    public static final String ARTICLE = "/api/articles/{slug}";
    public static final String MEDIA = "/api/media";

    private static final String ACCESS_LOG_FORMAT = """
            {"requestId":"$context.requestId","ip":"$context.identity.sourceIp",\
            "requestTime":"$context.requestTime","routeKey":"$context.routeKey",\
            "status":"$context.status","responseLength":"$context.responseLength",\
            "latency":"$context.responseLatency","integrationLatency":"$context.integrationLatency",\
            "integrationError":"$context.integrationErrorMessage","authorizerError":"$context.authorizer.error",\
            "sub":"$context.authorizer.claims.sub"}""";

    private final HttpApi api;

    public EditorApi(Construct scope, String id, StageSettings settings) {
        super(scope, id);
        this.api = HttpApi.Builder.create(this, "HttpApi")
                .apiName("broadsheet-" + settings.name())
                .description("Broadsheet editors' API (" + settings.name() + ")")
                .createDefaultStage(false)
                .build();
        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(settings.logRetention())
                .removalPolicy(settings.dataRemovalPolicy())
                .build();
        api.addStage("DefaultStage", HttpStageOptions.builder()
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder()
                        .rateLimit(settings.apiRateLimit())
                        .burstLimit(settings.apiBurstLimit())
                        .build())
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public LogGroupLogDestination getDestination() {
                        return new LogGroupLogDestination(accessLogs);
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return AccessLogFormat.custom(ACCESS_LOG_FORMAT);
                    }
                })
                .build());
    }

    /**
     * Sends every article route to the handler, each route behind a JWT authorizer that accepts
     * tokens of every editors' app client (the browser app and the command line).
     */
    public void routeTo(IFunction handler, Editors editors) {
        HttpUserPoolAuthorizer authorizer = new HttpUserPoolAuthorizer("EditorAuthorizer", editors.userPool(),
                HttpUserPoolAuthorizerProps.builder()
                        .userPoolClients(List.copyOf(editors.clients()))
                        .identitySource(List.of("$request.header.Authorization"))
                        .build());
        HttpLambdaIntegration integration = new HttpLambdaIntegration("ApiHandler", handler);
        route(authorizer, integration, ARTICLES, HttpMethod.POST, HttpMethod.GET);
        route(authorizer, integration, ARTICLE, HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE);
        route(authorizer, integration, ARTICLE + "/preview", HttpMethod.GET);
        route(authorizer, integration, ARTICLE + "/revisions", HttpMethod.GET);
        route(authorizer, integration, ARTICLE + "/revisions/{version}", HttpMethod.GET);
        route(authorizer, integration, ARTICLE + "/revisions/{version}/restore", HttpMethod.POST);
        route(authorizer, integration, MEDIA, HttpMethod.POST);
    }

    private void route(HttpUserPoolAuthorizer authorizer, HttpLambdaIntegration integration, String path,
            HttpMethod... methods) {
        api.addRoutes(AddRoutesOptions.builder()
                .path(path)
                .methods(List.of(methods))
                .integration(integration)
                .authorizer(authorizer)
                .build());
    }

    public HttpApi api() {
        return api;
    }

    /** {@code https://<id>.execute-api.<region>.amazonaws.com}, the base the routes hang off. */
    public String endpoint() {
        return api.getApiEndpoint();
    }

    /** The host name alone ({@code <id>.execute-api.<region>.amazonaws.com}), for a CloudFront origin. */
    public String domainName() {
        return Fn.select(2, Fn.split("/", api.getApiEndpoint()));
    }
}
