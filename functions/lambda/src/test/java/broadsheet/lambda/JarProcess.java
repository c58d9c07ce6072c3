package broadsheet.lambda;

import broadsheet.local.servers.AwsEndpoints;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A deployable jar run on its own: a JVM with only the jar and a smoke driver from the test
 * classes on its class path, configured by environment variables as Lambda configures the
 * functions (no inherited {@code AWS_*} variable, credentials and region of the local servers).
 *
 * @param finished whether the JVM ended within the time allowed (it is killed otherwise)
 * @param exitCode its exit code, -1 when it did not finish
 * @param log      everything it printed, standard error included
 */
record JarProcess(boolean finished, int exitCode, String log) {

    static JarProcess run(Path jar, Class<?> driver, AwsEndpoints endpoints, Map<String, String> env)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile(driver.getSimpleName(), ".txt");
        ProcessBuilder java = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, jar.toString(), Path.of("target", "test-classes").toString()),
                driver.getName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> environment = java.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.put("AWS_REGION", endpoints.region().id());
        environment.put("AWS_ACCESS_KEY_ID", endpoints.accessKey());
        environment.put("AWS_SECRET_ACCESS_KEY", endpoints.secretKey());
        environment.putAll(env);
        Process process = java.start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        Files.deleteIfExists(output);
        return new JarProcess(finished, finished ? process.exitValue() : -1, log);
    }
}
