package broadsheet.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app. {@code cdk synth -c stage=prod} (default {@code dev}) defines the stage's stack
 * {@code Broadsheet-<stage>} and the CI stack {@code BroadsheetCiStack}. Context keys (defaults
 * in cdk.json): {@code stage}, {@code functionsJar}, {@code githubRepository},
 * {@code bootstrapQualifier}, {@code templatesDir} (hashed into the {@code TemplatesHash} output; its
 * {@code site.json} names the sections), {@code editorApp} (the editor module's build output), optional
 * {@code alarmEmail}, and the optional custom domain: {@code siteDomain} with {@code certificateArn}
 * and/or {@code hostedZoneId} + {@code hostedZoneName} ({@link CustomDomain}), each also as
 * {@code <stage>.<key>}.
 */
public final class BroadsheetApp {

    /** The rebuild functions' jar, built beside the functions jar. */
    public static final String REBUILD_JAR = "broadsheet-rebuild.jar";

    public static final String CI_STACK = "BroadsheetCiStack";

    public record Stacks(BroadsheetStack site, BroadsheetCiStack ci) {
    }

    private BroadsheetApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        // The only place the environment is read: the CDK CLI sets these from the caller's credentials.
        Environment env = Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                .region(System.getenv("CDK_DEFAULT_REGION"))
                .build();
        define(app, env);
        app.synth();
    }

    /** Adds Broadsheet's stacks to {@code app}, configured by the app's context. */
    public static Stacks define(App app, Environment env) {
        StageSettings stage = StageSettings.named(context(app, "stage").orElse(StageSettings.DEV));
        Path functionsJar = Path.of(context(app, "functionsJar")
                .orElseThrow(() -> new IllegalArgumentException("context functionsJar is not set")));
        // the rebuild functions' jar (with the SQS client) is built beside it
        Path rebuildJar = functionsJar.resolveSibling(REBUILD_JAR);
        for (Path jar : List.of(functionsJar, rebuildJar)) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("functions jar " + jar.toAbsolutePath()
                        + " does not exist: build it first (mvn -B -pl functions/lambda -am package)");
            }
        }
        Path templates = Path.of(context(app, "templatesDir").orElse("../templates"));
        String templatesHash = TemplatesDigest.of(templates);
        EditorApp.Build editorApp = EditorApp.Build.of(Path.of(context(app, "editorApp")
                .orElseThrow(() -> new IllegalArgumentException("context editorApp is not set"))), templates.resolve("site.json"));
        CiSettings ci = new CiSettings(
                context(app, "githubRepository").orElseThrow(() -> new IllegalArgumentException("context githubRepository is not set")),
                context(app, "githubBranch").orElse("main"),
                context(app, "githubProductionEnvironment").orElse(StageSettings.PROD),
                context(app, "bootstrapQualifier").orElse("hnb659fds"));

        Tags.of(app).add("project", "broadsheet");
        BroadsheetStack site = new BroadsheetStack(app, stage.stackName(), StackProps.builder()
                .env(env)
                .description("Broadsheet " + stage.name() + ": table, bucket, CloudFront, HTTP API, functions, alarms")
                .terminationProtection(stage.production())
                .tags(Map.of("stage", stage.name()))
                .build(),
                stage, functionsJar, rebuildJar, templatesHash, editorApp, context(app, "alarmEmail"),
                customDomain(app, stage.name()));
        BroadsheetCiStack ciStack = new BroadsheetCiStack(app, CI_STACK, StackProps.builder()
                .env(env)
                .description("Broadsheet CI: GitHub OIDC provider and the deploy role")
                .build(), ci);
        return new Stacks(site, ciStack);
    }

    /**
     * The stage's own domain, if {@code siteDomain} is set (see {@link CustomDomain}). Each key
     * may be given per stage, {@code <stage>.siteDomain} before {@code siteDomain}, so that
     * cdk.json can hold a domain for each stage (two distributions cannot share one name).
     */
    static Optional<CustomDomain> customDomain(App app, String stage) {
        Optional<String> name = stageContext(app, stage, "siteDomain");
        List<String> keys = List.of("hostedZoneId", "hostedZoneName", "certificateArn");
        if (name.isEmpty()) {
            for (String key : keys) {
                if (stageContext(app, stage, key).isPresent()) {
                    throw new IllegalArgumentException("context " + key + " is set for stage " + stage
                            + " but siteDomain is not");
                }
            }
            return Optional.empty();
        }
        return Optional.of(new CustomDomain(name.get(), stageContext(app, stage, "hostedZoneId"),
                stageContext(app, stage, "hostedZoneName"), stageContext(app, stage, "certificateArn")));
    }

    private static Optional<String> stageContext(App app, String stage, String key) {
        return context(app, stage + "." + key).or(() -> context(app, key));
    }

    private static Optional<String> context(App app, String key) {
        Object value = app.getNode().tryGetContext(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString());
    }
}
