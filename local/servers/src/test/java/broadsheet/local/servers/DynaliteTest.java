package broadsheet.local.servers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DynaliteTest {

    @Test
    void servesDynamoDbOnLoopbackAndStopsItsProcessOnClose() {
        Dynalite dynalite = Dynalite.start(Optional.empty());
        try (DynamoDbClient client = client(dynalite)) {
            assertThat(dynalite.endpoint().getHost()).isEqualTo("127.0.0.1");
            createTable(client, "things");
            client.putItem(b -> b.tableName("things").item(Map.of("id", AttributeValue.fromS("a"))));

            assertThat(client.getItem(b -> b.tableName("things").key(Map.of("id", AttributeValue.fromS("a")))
                    .consistentRead(true)).item()).containsEntry("id", AttributeValue.fromS("a"));
        } finally {
            dynalite.close();
        }
        assertThat(dynalite.isAlive()).isFalse();
        assertThat(Ports.answers(dynalite.port())).isFalse();
    }

    @Test
    void tellsWhenItsProcessEndsOnItsOwnAndNotWhenClosed() throws Exception {
        Dynalite killed = Dynalite.start(Optional.empty());
        Dynalite closed = Dynalite.start(Optional.empty());
        try {
            ProcessHandle.of(killed.pid()).orElseThrow().destroyForcibly();

            String notice = killed.died().get(10, TimeUnit.SECONDS);
            assertThat(notice).startsWith("dynalite (DynamoDB, pid " + killed.pid() + ", port " + killed.port() + ")")
                    .contains("exited with status");
        } finally {
            killed.close();
            closed.close();
        }
        Thread.sleep(200);
        assertThat(closed.died()).isNotDone();
    }

    @Test
    void keepsTablesInTheDataDirectoryAcrossRestarts(@TempDir Path dataDir) {
        try (Dynalite first = Dynalite.start(Optional.of(dataDir)); DynamoDbClient client = client(first)) {
            createTable(client, "kept");
            client.putItem(b -> b.tableName("kept").item(Map.of("id", AttributeValue.fromS("x"))));
        }
        try (Dynalite second = Dynalite.start(Optional.of(dataDir)); DynamoDbClient client = client(second)) {
            assertThat(client.listTables().tableNames()).containsExactly("kept");
            assertThat(client.getItem(b -> b.tableName("kept").key(Map.of("id", AttributeValue.fromS("x")))
                    .consistentRead(true)).hasItem()).isTrue();
        }
    }

    @Test
    void leavesNoNodeProcessBehindWhenTheJvmEndsWithoutClosingIt() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-D" + Dynalite.DIR_PROPERTY + "=" + Dynalite.locateHome(),
                DynaliteExitProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(jvm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(jvm.waitFor()).as(output).isZero();
        int port = Integer.parseInt(output.lines().filter(l -> l.startsWith("port=")).findFirst()
                .orElseThrow(() -> new AssertionError(output)).substring("port=".length()));

        assertThat(Ports.answers(port)).isFalse();
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("--port " + port)).orElse(false)))
                .isEmpty();
    }

    @Test
    void findsTheNpmInstalledDynalite() {
        assertThat(Dynalite.locateHome().resolve("node_modules/dynalite/cli.js")).isRegularFile();
    }

    private static DynamoDbClient client(Dynalite dynalite) {
        return DynamoDbClient.builder()
                .endpointOverride(dynalite.endpoint())
                .region(LocalCredentials.REGION)
                .credentialsProvider(LocalCredentials.provider())
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }

    private static void createTable(DynamoDbClient client, String name) {
        client.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
        // even with --createTableMs 0 the table is CREATING for a moment (longer with LevelDB)
        while (client.describeTable(b -> b.tableName(name)).table().tableStatus() != TableStatus.ACTIVE) {
            Thread.onSpinWait();
        }
    }
}
