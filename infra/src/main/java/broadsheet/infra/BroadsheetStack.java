package broadsheet.infra;

import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/** Everything one stage of Broadsheet runs on. */
public final class BroadsheetStack extends Stack {

    /** The output the deploy workflow compares before and after a deploy to tell a template change. */
    public static final String TEMPLATES_HASH_OUTPUT = "TemplatesHash";

    public BroadsheetStack(Construct scope, String id, StackProps props, StageSettings stage,
            Path functionsJar, Path rebuildJar, String templatesHash, EditorApp.Build editorAppBuild, Optional<String> alarmEmail,
            Optional<CustomDomain> domain) {
        super(scope, id, props);
        ArticleTable articles = new ArticleTable(this, "Articles", stage);
        PagesBucket pages = new PagesBucket(this, "Pages", stage);
        EditorApi api = new EditorApi(this, "EditorApi", stage);
        SiteDistribution site = new SiteDistribution(this, "Site", stage, pages, api, domain);
        // the editor app lives on the site (/admin/), so its sign-in callback follows the site's URL
        Editors editors = new Editors(this, "Editors", stage, site.siteUrl());
        EditorApp editorApp = new EditorApp(this, "EditorApp", stage, editorAppBuild, pages, site, editors);
        PublishFailures failures = new PublishFailures(this, "PublishFailures", stage, pages);
        Functions functions = new Functions(this, "Functions", stage, functionsJar, rebuildJar, articles, pages, site.siteUrl(),
                site.distribution(), failures);
        api.routeTo(functions.apiAlias(), editors);
        Alarms alarms = new Alarms(this, "Alarms", stage, functions, failures, api.api(), alarmEmail);

        output("SiteUrl", site.siteUrl() + "/", "The public site");
        output("ApiUrl", api.endpoint() + "/api/", "The editors' API (also served by the site under /api/)");
        output("UserPoolId", editors.userPool().getUserPoolId(), "Cognito user pool of editors");
        output("UserPoolClientId", editors.appClient().getUserPoolClientId(),
                "App client of the browser editor app (managed login, code grant with PKCE)");
        output("CliClientId", editors.cliClient().getUserPoolClientId(),
                "App client for command-line sign-in (USER_PASSWORD_AUTH, infra/bin/token)");
        output("EditorAppUrl", site.siteUrl() + "/admin/", "The editor app (sign in with managed login)");
        output("EditorAppBucketName", editorApp.bucket().getBucketName(), "Bucket the editor app is deployed into");
        output("ManagedLoginUrl", editors.managedLoginUrl(), "Sign-in page of the editor app");
        output("AuthDomainUrl", editors.domain().baseUrl(), "Cognito managed login domain (OAuth endpoints)");
        output("DistributionId", site.distribution().getDistributionId(), "CloudFront distribution (for invalidations)");
        output("BucketName", pages.bucket().getBucketName(), "Bucket the publisher renders pages into");
        output("TableName", articles.table().getTableName(), "Article table");
        output("AlarmTopicArn", alarms.topic().getTopicArn(), "SNS topic for alarms");
        output("RebuildStartFunction", functions.rebuildStartAlias().getFunctionArn(),
                "Invoke to re-render the whole site (the deploy workflow does after a template change)");
        output("RebuildQueueUrl", functions.rebuildQueue().getQueueUrl(), "Units of a running rebuild");
        output("RebuildDeadLetterQueueUrl", functions.rebuildDeadLetters().getQueueUrl(), "Rebuild units that kept failing");
        output("RebuildWorkerLogGroup", functions.rebuildWorkerLogs().getLogGroupName(), "One progress line per rebuild unit");
        output("ReplayFunction", functions.replayAlias().getFunctionArn(),
                "Invoke to publish again the batches the publisher gave up on (infra/bin/replay-failed)");
        output("PublishFailuresBucket", failures.bucket().getBucketName(),
                "Batches the publisher gave up on, kept " + PublishFailures.RETENTION_DAYS + " days");
        output(TEMPLATES_HASH_OUTPUT, templatesHash, "SHA-256 of templates/ as deployed: a change means a rebuild is due");
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}
