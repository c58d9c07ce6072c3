package broadsheet.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One synthesis of the CDK app per stage, shared by every test that reads its templates (jsii
 * runs each synthesis in a node process, so they are kept few). The app gets the context from
 * cdk.json, exactly as {@code cdk synth} does, plus the stage and a placeholder functions jar.
 */
record SynthesizedApp(BroadsheetApp.Stacks stacks, Template site, Template ci, Annotations siteAnnotations,
        Annotations ciAnnotations) {

    static final Environment ENV = Environment.builder().account("123456789012").region("eu-west-1").build();
    static final Path CDK_JSON = Path.of("cdk.json");

    private static final Map<String, SynthesizedApp> BY_STAGE = new ConcurrentHashMap<>();

    static SynthesizedApp dev() {
        return of(StageSettings.DEV);
    }

    static SynthesizedApp prod() {
        return of(StageSettings.PROD);
    }

    static SynthesizedApp of(String stage) {
        return BY_STAGE.computeIfAbsent(stage, SynthesizedApp::synthesize);
    }

    private static SynthesizedApp synthesize(String stage) {
        return synthesize(stage, Map.of(), ENV);
    }

    /**
     * A synthesis of its own (not shared) with {@code extraContext} on top of cdk.json's, in
     * {@code env}: for tests of optional context such as the custom domain.
     */
    static SynthesizedApp synthesize(String stage, Map<String, Object> extraContext, Environment env) {
        return synthesize(define(stage, extraContext, env));
    }

    /** The app with its stacks defined and not yet synthesized (to add aspects, for instance). */
    static BroadsheetApp.Stacks define(String stage, Map<String, Object> extraContext, Environment env) {
        Map<String, Object> context = new HashMap<>(cdkJsonContext());
        context.put("stage", stage);
        context.put("functionsJar", placeholderJar().toString());
        context.put("editorApp", placeholderEditorApp().toString());
        context.putAll(extraContext);
        App app = new App(AppProps.builder().context(context).analyticsReporting(false).build());
        return BroadsheetApp.define(app, env);
    }

    /** Synthesizes the app of {@code stacks}. */
    static SynthesizedApp synthesize(BroadsheetApp.Stacks stacks) {
        // Template.fromStack synthesizes the app once; the later calls reuse that assembly.
        return new SynthesizedApp(stacks,
                Template.fromStack(stacks.site()),
                Template.fromStack(stacks.ci()),
                Annotations.fromStack(stacks.site()),
                Annotations.fromStack(stacks.ci()));
    }

    /** The {@code context} object of cdk.json, as plain Java values. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> cdkJsonContext() {
        JsonMapper json = JsonMapper.builder().build();
        JsonNode context = json.readTree(CDK_JSON.toFile()).required("context");
        return json.treeToValue(context, Map.class);
    }

    /** The real app is built by the editor module (node); the template only needs its files to hash. */
    static Path placeholderEditorApp() {
        try {
            Path dir = Files.createTempDirectory("broadsheet-editor-app");
            dir.toFile().deleteOnExit();
            for (String file : EditorApp.REQUIRED_FILES) {
                Path path = dir.resolve(file);
                path.toFile().deleteOnExit();
                Files.writeString(path, "placeholder for infra tests: " + file, StandardCharsets.UTF_8);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The real jar is built by the lambda module; the template only needs some file to hash. */
    static Path placeholderJar() {
        try {
            Path dir = Files.createTempDirectory("broadsheet-infra-test");
            Path jar = dir.resolve("broadsheet-functions.jar");
            dir.toFile().deleteOnExit();
            for (Path file : List.of(jar, dir.resolve(BroadsheetApp.REBUILD_JAR))) {
                file.toFile().deleteOnExit();
                try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
                    zip.putNextEntry(new ZipEntry("broadsheet/lambda/placeholder.txt"));
                    zip.write(("placeholder for infra tests: " + file.getFileName()).getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
