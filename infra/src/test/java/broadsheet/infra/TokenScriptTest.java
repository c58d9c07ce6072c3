package broadsheet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infra/bin/token} against a stand-in {@code aws} that plays Cognito: the password goes in
 * on stdin (never on a command line), a first sign-in sets the new password, the access token
 * alone comes out.
 */
class TokenScriptTest {

    /** Records its arguments and stdin, answers like the AWS CLI would. */
    private static final String FAKE_AWS = """
            #!/usr/bin/env bash
            set -euo pipefail
            echo "ARGS $*" >> "$FAKE_LOG"
            case "$1 $2" in
              "cloudformation describe-stacks") echo "cli-client-123" ;;
              "cognito-idp initiate-auth")
                input=$(cat); echo "INPUT $input" >> "$FAKE_LOG"
                echo '{"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"s1","ChallengeParameters":{"USER_ID_FOR_SRP":"uuid-1"}}' ;;
              "cognito-idp respond-to-auth-challenge")
                input=$(cat); echo "INPUT $input" >> "$FAKE_LOG"
                echo '{"AuthenticationResult":{"AccessToken":"eyJ.access.token","IdToken":"eyJ.id.token"}}' ;;
              *) echo "unexpected: $*" >&2; exit 9 ;;
            esac
            """;

    @Test
    void firstSignInSetsTheNewPasswordAndPrintsOnlyTheAccessToken(@TempDir Path dir) throws Exception {
        Path aws = dir.resolve("aws");
        Files.writeString(aws, FAKE_AWS);
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwx------"));
        Path log = dir.resolve("log");
        ProcessBuilder builder = new ProcessBuilder("bash", "bin/token", "dev", "editor@example.com");
        builder.environment().put("PATH", dir + ":" + System.getenv("PATH"));
        builder.environment().put("FAKE_LOG", log.toString());
        builder.redirectError(dir.resolve("stderr").toFile());
        Process process = builder.start();
        process.getOutputStream().write("Temp-Pass-1!\nNew-Pass-word-2!\n".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("stderr"))).isZero();
        assertThat(stdout).isEqualTo("eyJ.access.token\n");

        List<String> calls = Files.readAllLines(log);
        assertThat(calls).filteredOn(line -> line.startsWith("ARGS")).allSatisfy(line ->
                assertThat(line).doesNotContain("Temp-Pass-1!", "New-Pass-word-2!"));
        assertThat(calls.get(0)).contains("describe-stacks --stack-name Broadsheet-dev", "CliClientId");
        assertThat(calls).anySatisfy(line -> assertThat(line).contains("INPUT").contains(
                "\"AuthFlow\":\"USER_PASSWORD_AUTH\"", "\"ClientId\":\"cli-client-123\"",
                "\"USERNAME\":\"editor@example.com\"", "\"PASSWORD\":\"Temp-Pass-1!\""));
        assertThat(calls).anySatisfy(line -> assertThat(line).contains("INPUT").contains(
                "\"ChallengeName\":\"NEW_PASSWORD_REQUIRED\"", "\"Session\":\"s1\"",
                "\"USERNAME\":\"uuid-1\"", "\"NEW_PASSWORD\":\"New-Pass-word-2!\""));
    }

    @Test
    void scriptIsExecutable() throws IOException {
        assertThat(Files.isExecutable(Path.of("bin/token"))).isTrue();
    }
}
