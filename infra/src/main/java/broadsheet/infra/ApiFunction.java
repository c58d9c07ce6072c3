package broadsheet.infra;

import static broadsheet.infra.FunctionParts.allow;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.AssetCode;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;

/** The editors' HTTP API function: article reads and writes, presigned media uploads. */
final class ApiFunction {

    static final List<String> TABLE_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:Scan");

    private final Function function;
    private final Alias alias;

    ApiFunction(FunctionParts parts, AssetCode code, Map<String, String> environment, ArticleTable articles,
            PagesBucket pages) {
        StageSettings stage = parts.stage();
        LogGroup logs = parts.logGroup("ApiLogs");
        Role role = parts.role("ApiRole", "Broadsheet API handler: article reads and writes, media upload URLs",
                logs, List.of(
                allow(TABLE_ACTIONS, articles.tableAndIndexArns()),
                // presigned media uploads are signed with this role: it may put objects under media/ only
                allow(List.of("s3:PutObject"), List.of(pages.bucket().arnForObjects("media/*")))));
        this.function = parts.javaFunction("ApiFunction", null, "Broadsheet editors' HTTP API (" + stage.name() + ")",
                Functions.API_HANDLER, stage.apiMemoryMb(), Duration.seconds(10), role, logs, code, environment);
        this.alias = parts.liveAlias("ApiAlias", function);
    }

    Function function() {
        return function;
    }

    Alias alias() {
        return alias;
    }
}
