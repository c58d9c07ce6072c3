package broadsheet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CdkJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode cdkJson = JSON.readTree(SynthesizedApp.CDK_JSON.toFile());

    @Test
    void contextCarriesEveryFeatureFlagThePinnedCdkLibraryRecommends() throws Exception {
        JsonNode recommended = JSON.readTree(recommendedFeatureFlags());
        assertThat(recommended.size()).isGreaterThan(50);
        JsonNode context = cdkJson.required("context");
        for (Map.Entry<String, JsonNode> flag : recommended.properties()) {
            assertThat(context.get(flag.getKey())).as(flag.getKey()).isEqualTo(flag.getValue());
        }
    }

    @Test
    void synthAsksNothingOfTheNetwork() {
        assertThat(cdkJson.get("notices").asBoolean(true)).isFalse();
        assertThat(cdkJson.get("versionReporting").asBoolean(true)).isFalse();
        assertThat(cdkJson.at("/context/cli-telemetry").asBoolean(true)).isFalse();
        assertThat(cdkJson.get("app").asString()).startsWith("mvn ").contains("exec:java");
    }

    @Test
    void defaultFunctionsJarIsTheOneTheLambdaModuleBuilds() {
        assertThat(Path.of(cdkJson.at("/context/functionsJar").asString()).normalize())
                .isEqualTo(Path.of("../functions/lambda/target/broadsheet-functions.jar").normalize());
    }

    @Test
    void defaultEditorAppIsWhereTheEditorModuleBuildsIt() throws IOException {
        assertThat(Path.of(cdkJson.at("/context/editorApp").asString()).normalize())
                .isEqualTo(Path.of("../editor/target/classes/broadsheet/editor").normalize());
        // target/classes is the module's ${project.build.outputDirectory}
        assertThat(Files.readString(Path.of("../editor/pom.xml")))
                .contains("<argument>${project.build.outputDirectory}/broadsheet/editor</argument>");
    }

    @Test
    void cdkCliIsPinnedExactlyAndLocked() throws IOException {
        JsonNode pkg = JSON.readTree(Path.of("package.json").toFile());
        String version = pkg.at("/devDependencies/aws-cdk").asString();
        assertThat(version).matches("\\d+\\.\\d+\\.\\d+");
        JsonNode lock = JSON.readTree(Path.of("package-lock.json").toFile());
        assertThat(lock.at("/packages/node_modules~1aws-cdk/version").asString()).isEqualTo(version);
        assertThat(lock.at("/packages/node_modules~1aws-cdk/integrity").asString()).startsWith("sha512-");
        assertThat(Files.readString(Path.of("../.gitignore"))).contains("node_modules/", "cdk.out/");
    }

    /** {@code recommended-feature-flags.json} of the aws-cdk-lib jsii bundle inside the jar on the classpath. */
    private static byte[] recommendedFeatureFlags() throws IOException, URISyntaxException {
        Path jar = Path.of(App.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry bundle = zip.stream().filter(e -> e.getName().endsWith(".jsii.tgz")).findFirst().orElseThrow();
            try (InputStream tar = new GZIPInputStream(zip.getInputStream(bundle), 1 << 16)) {
                return tarEntry(tar, "package/recommended-feature-flags.json");
            }
        }
    }

    private static byte[] tarEntry(InputStream tar, String wanted) throws IOException {
        byte[] header = new byte[512];
        while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
            String name = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            String path = prefix.isEmpty() ? name : prefix + "/" + name;
            long size = Long.parseLong(field(header, 124, 12).trim(), 8);
            if (path.equals(wanted)) {
                return tar.readNBytes((int) size);
            }
            long padded = (size + 511) / 512 * 512;
            tar.skipNBytes(padded);
        }
        throw new AssertionError(wanted + " not found in the aws-cdk-lib bundle");
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
