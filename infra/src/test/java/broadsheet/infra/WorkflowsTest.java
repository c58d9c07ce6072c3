package broadsheet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The GitHub workflows parse, run on the right events, and only run scripts that exist. */
class WorkflowsTest {

    private static final Path ROOT = Path.of("..");
    private static final Path WORKFLOWS = ROOT.resolve(".github/workflows");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    /** {@code bash x}, {@code sh x}, {@code source x} or a path run directly ({@code ./x}, {@code infra/bin/x}). */
    private static final Pattern SCRIPT = Pattern.compile(
            "(?:^|[\\s;&|(])(?:(?:bash|sh|source)\\s+([\\w./-]+)|(\\./[\\w./-]+|(?:infra/bin|\\.ci)/[\\w.-]+))");
    /** What a script itself runs or sources: {@code bash x}, {@code sh x}, {@code source x}. */
    private static final Pattern SOURCED = Pattern.compile("(?m)^\\s*(?:bash|sh|source)\\s+([\\w./-]+)");

    /** {@code owner/repo[/path]@<40 hex digits> # vX.Y.Z}: a commit nobody can move, and the tag it was. */
    private static final Pattern PINNED = Pattern.compile(
            "[\\w.-]+/[\\w./-]+@[0-9a-f]{40} # v\\d+\\.\\d+\\.\\d+");

    private final JsonNode ci = workflow("ci.yml");
    private final JsonNode deploy = workflow("deploy.yml");

    @Test
    void everyWorkflowFileParsesAsAWorkflow() throws IOException {
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).toList();
            assertThat(yaml).extracting(f -> f.getFileName().toString()).contains("ci.yml", "deploy.yml");
            for (Path file : yaml) {
                JsonNode workflow = YAML.readTree(file.toFile());
                assertThat(workflow.has("on")).as(file + " has triggers").isTrue();
                assertThat(workflow.get("jobs").size()).as(file + " has jobs").isPositive();
                for (JsonNode job : workflow.get("jobs")) {
                    assertThat(job.get("steps").isArray()).isTrue();
                    assertThat(job.get("runs-on").asString()).isNotBlank();
                }
            }
        }
    }

    @Test
    void ciRunsTheRepositoryTestScriptOnEveryPushAndPullRequest() {
        assertThat(ci.get("on").has("push")).isTrue();
        assertThat(ci.get("on").has("pull_request")).isTrue();
        assertThat(runs(ci)).contains("bash .ci/run");
    }

    @Test
    void deployRunsOnMainAndTakesAwsCredentialsFromOidc() {
        assertThat(deploy.at("/on/push/branches").get(0).asString()).isEqualTo("main");
        for (String job : List.of("deploy-dev", "deploy-prod")) {
            JsonNode steps = deploy.at("/jobs/" + job + "/steps");
            assertThat(deploy.at("/jobs/" + job + "/permissions/id-token").asString()).isEqualTo("write");
            JsonNode credentials = step(steps, "aws-actions/configure-aws-credentials@");
            assertThat(credentials.at("/with/role-to-assume").asString()).isEqualTo("${{ vars.AWS_DEPLOY_ROLE_ARN }}");
            assertThat(credentials.at("/with/aws-region").asString()).isNotBlank();
            assertThat(credentials.at("/with/aws-access-key-id").isMissingNode()).isTrue();
        }
        assertThat(deploy.at("/permissions/id-token").isMissingNode()).as("only deploy jobs get tokens").isTrue();
    }

    @Test
    void deploySessionsLastAsLongAsTheDeployRoleAllowsAndNoLonger() {
        long allowed = BroadsheetCiStack.DEPLOY_SESSION.toSeconds().longValue();
        assertThat(allowed).isGreaterThan(3600);
        for (String job : List.of("deploy-dev", "deploy-prod")) {
            JsonNode credentials = step(deploy.at("/jobs/" + job + "/steps"), "aws-actions/configure-aws-credentials@");
            assertThat(credentials.at("/with/role-duration-seconds").asLong()).as(job).isEqualTo(allowed);
            // the job itself gives up before its credentials would
            assertThat(deploy.at("/jobs/" + job + "/timeout-minutes").asLong() * 60).as(job).isLessThanOrEqualTo(allowed);
        }
    }

    @Test
    void nodeIsAnLtsLineStillSupported() {
        for (JsonNode workflow : List.of(ci, deploy)) {
            List<JsonNode> setups = new ArrayList<>();
            workflow.get("jobs").forEach(job -> job.get("steps").forEach(step -> {
                if (step.path("uses").asString("").startsWith("actions/setup-node@")) {
                    setups.add(step);
                }
            }));
            assertThat(setups).isNotEmpty();
            // Node 20 is past its end of life (Node.js release schedule); 22 and 24 are maintained LTS lines
            assertThat(setups).allSatisfy(step -> assertThat(step.at("/with/node-version").asString()).isIn("22", "24"));
        }
    }

    @Test
    void everyActionIsPinnedToAFullCommitShaWithItsReleaseTag() throws IOException {
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).toList()) {
                List<String> uses = Files.readAllLines(file).stream()
                        .map(String::strip)
                        .filter(line -> line.matches("(- )?uses:.*"))
                        .map(line -> line.replaceFirst("^(- )?uses:\\s*", ""))
                        .filter(action -> !action.startsWith("./") && !action.startsWith("docker://"))
                        .toList();
                assertThat(uses).as(file + " uses actions").isNotEmpty();
                assertThat(uses).as(file.toString()).allSatisfy(action -> assertThat(action).matches(PINNED));
            }
        }
        assertThat("actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0").matches(PINNED);
        assertThat("actions/checkout@v5").doesNotMatch(PINNED);
        assertThat("actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8").doesNotMatch(PINNED);
        assertThat("actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a # v5.0.0").doesNotMatch(PINNED);
    }

    @Test
    void prodDeploysAfterDevBehindTheProdEnvironment() {
        assertThat(deploy.at("/jobs/deploy-dev/needs").asString()).isEqualTo("build");
        assertThat(deploy.at("/jobs/deploy-prod/needs").asString()).isEqualTo("deploy-dev");
        assertThat(deploy.at("/jobs/deploy-prod/environment").asString())
                .isEqualTo(new CiSettings("o/r", "main", StageSettings.PROD, "q").productionEnvironment());
        assertThat(deploy.at("/jobs/deploy-dev/environment").isMissingNode()).isTrue();
        assertThat(runs(deploy.at("/jobs/deploy-dev"))).contains("bash infra/bin/deploy dev");
        assertThat(runs(deploy.at("/jobs/deploy-prod"))).contains("bash infra/bin/deploy prod");
    }

    @Test
    void eachDeployRebuildsTheSiteWhenTheDeployedTemplatesHashChanged() {
        for (String stage : List.of("dev", "prod")) {
            List<String> runs = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            deploy.at("/jobs/deploy-" + stage + "/steps").forEach(step -> {
                runs.add(step.path("run").asString(""));
                ids.add(step.path("id").asString(""));
            });
            int before = runs.indexOf("echo \"templates-hash=$(bash infra/bin/rebuild " + stage
                    + " deployed-templates-hash)\" >> \"$GITHUB_OUTPUT\"");
            int deployed = runs.indexOf("bash infra/bin/deploy " + stage);
            int rebuilt = runs.indexOf("bash infra/bin/rebuild " + stage
                    + " start --if-changed-from \"${{ steps." + ids.get(Math.max(before, 0)) + ".outputs.templates-hash }}\"");
            assertThat(before).as(stage + ": the deployed hash is read").isNotNegative();
            assertThat(ids.get(before)).isNotBlank();
            assertThat(deployed).as(stage + ": read before the deploy").isGreaterThan(before);
            assertThat(rebuilt).as(stage + ": rebuild after the deploy").isGreaterThan(deployed);
        }
    }

    @Test
    void theRebuildScriptReadsOnlyOutputsTheStackHas() throws IOException {
        String script = Files.readString(ROOT.resolve("infra/bin/rebuild"));
        Matcher read = Pattern.compile("\\$\\(output (\\w+)\\)").matcher(script);
        List<String> names = new ArrayList<>();
        while (read.find()) {
            names.add(read.group(1));
        }
        assertThat(names).contains(BroadsheetStack.TEMPLATES_HASH_OUTPUT, "RebuildStartFunction", "RebuildQueueUrl",
                "RebuildDeadLetterQueueUrl", "RebuildWorkerLogGroup");
        assertThat(SynthesizedApp.dev().site().findOutputs("*")).containsKeys(names.toArray(String[]::new));
        assertThat(script).contains("\"Broadsheet-$stage\"").contains("OutputKey=='$1'");
        assertThat(SynthesizedApp.dev().stacks().site().getStackName()).isEqualTo("Broadsheet-dev");
    }

    @Test
    void buildJobBuildsTheJarTheCdkAppDeploys() {
        JsonNode build = deploy.at("/jobs/build");
        assertThat(runs(build)).contains("bash .ci/run", "bash infra/bin/functions-jar");
        List<Path> uploaded = step(build.get("steps"), "actions/upload-artifact@").at("/with/path").asString()
                .lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> ROOT.resolve(l).normalize()).toList();
        String functionsJar = (String) SynthesizedApp.cdkJsonContext().get("functionsJar");
        assertThat(uploaded).containsExactly(Path.of(functionsJar).normalize(),
                Path.of(functionsJar).resolveSibling(BroadsheetApp.REBUILD_JAR).normalize());
        for (String job : List.of("deploy-dev", "deploy-prod")) {
            String downloaded = step(deploy.at("/jobs/" + job + "/steps"), "actions/download-artifact@").at("/with/path").asString();
            assertThat(ROOT.resolve(downloaded).resolve("broadsheet-functions.jar").normalize())
                    .isEqualTo(Path.of(functionsJar).normalize());
        }
    }

    @Test
    void buildJobHandsTheEditorAppBuildToEachDeploy() throws IOException {
        JsonNode build = deploy.at("/jobs/build");
        Path editorApp = Path.of((String) SynthesizedApp.cdkJsonContext().get("editorApp")).normalize();
        JsonNode upload = named(build.get("steps"), "actions/upload-artifact@", "editor-app");
        assertThat(ROOT.resolve(upload.at("/with/path").asString().strip()).normalize()).isEqualTo(editorApp);
        assertThat(upload.at("/with/if-no-files-found").asString()).isEqualTo("error");
        List<String> buildSteps = new ArrayList<>();
        build.get("steps").forEach(step -> buildSteps.add(step.path("run").asString(step.path("with").path("name").asString(""))));
        assertThat(buildSteps.indexOf("bash infra/bin/functions-jar")).as("built before it is uploaded")
                .isNotNegative().isLessThan(buildSteps.indexOf("editor-app"));
        // the script that builds it builds the editor module
        assertThat(Files.readString(ROOT.resolve("infra/bin/functions-jar"))).contains("-pl functions/lambda,editor");
        for (String job : List.of("deploy-dev", "deploy-prod")) {
            JsonNode steps = deploy.at("/jobs/" + job + "/steps");
            JsonNode download = named(steps, "actions/download-artifact@", "editor-app");
            assertThat(ROOT.resolve(download.at("/with/path").asString()).normalize()).as(job).isEqualTo(editorApp);
            List<String> order = new ArrayList<>();
            steps.forEach(step -> order.add(step.path("run").asString(step.path("with").path("name").asString(""))));
            assertThat(order.indexOf("editor-app")).as(job + ": downloaded before cdk deploy")
                    .isNotNegative().isLessThan(order.indexOf("bash infra/bin/deploy " + job.substring("deploy-".length())));
        }
    }

    private static JsonNode named(JsonNode steps, String usesPrefix, String artifact) {
        for (JsonNode step : steps) {
            if (step.path("uses").asString("").startsWith(usesPrefix) && artifact.equals(step.at("/with/name").asString(""))) {
                return step;
            }
        }
        throw new AssertionError("no step uses " + usesPrefix + " with artifact " + artifact);
    }

    @Test
    void everyScriptAWorkflowOrInfraScriptRunsExistsInTheRepository() throws IOException {
        List<String> scripts = new ArrayList<>();
        for (JsonNode workflow : List.of(ci, deploy)) {
            runs(workflow).forEach(run -> scripts.addAll(scriptPaths(run)));
        }
        assertThat(scripts).contains(".ci/run", "infra/bin/functions-jar", "infra/bin/deploy");
        for (String script : scripts) {
            assertThat(ROOT.resolve(script)).as(script).isRegularFile();
        }
        for (String script : List.of("infra/bin/deploy", "infra/bin/synth")) {
            Matcher sourced = SOURCED.matcher(Files.readString(ROOT.resolve(script)));
            int found = 0;
            while (sourced.find()) {
                found++;
                // the scripts cd into infra/ first
                assertThat(ROOT.resolve("infra").resolve(sourced.group(1))).as(script + " runs " + sourced.group(1)).isRegularFile();
            }
            assertThat(found).as(script + " sources the CDK settings").isPositive();
        }
    }

    @Test
    void deploysAndLocalSynthsTurnOffCdkCallsHome() throws IOException {
        String cdkEnv = Files.readString(ROOT.resolve("infra/bin/cdk-env"));
        for (String variable : List.of("CDK_DISABLE_VERSION_CHECK", "CDK_DISABLE_CLI_TELEMETRY",
                "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION")) {
            assertThat(deploy.at("/env/" + variable).asString()).as(variable).isNotBlank();
            assertThat(cdkEnv).contains("export " + variable + "=");
        }
    }

    @Test
    void scriptPatternFindsWhatWorkflowsRun() {
        assertThat(scriptPaths("bash .ci/run")).containsExactly(".ci/run");
        assertThat(scriptPaths("set -e\n./gradlew build && bash infra/bin/deploy prod")).containsExactly("./gradlew", "infra/bin/deploy");
        assertThat(scriptPaths("mvn -B verify")).isEmpty();
    }

    static List<String> scriptPaths(String run) {
        List<String> paths = new ArrayList<>();
        Matcher matcher = SCRIPT.matcher(run);
        while (matcher.find()) {
            paths.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        return paths;
    }

    private static JsonNode workflow(String name) {
        return YAML.readTree(WORKFLOWS.resolve(name).toFile());
    }

    /** Every {@code run:} command under {@code node} (a workflow or a job). */
    private static List<String> runs(JsonNode node) {
        return node.findValues("run").stream().map(JsonNode::asString).toList();
    }

    private static JsonNode step(JsonNode steps, String usesPrefix) {
        for (JsonNode step : steps) {
            if (step.path("uses").asString("").startsWith(usesPrefix)) {
                return step;
            }
        }
        throw new AssertionError("no step uses " + usesPrefix);
    }
}
