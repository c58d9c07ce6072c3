package broadsheet.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MainTest {

    @Test
    void defaultsToPort8080AndAGeneratedToken() {
        Main.Command command = Main.parse(new String[0], Map.of());

        assertThat(command.port()).isEqualTo(8080);
        assertThat(command.dataDir()).isEqualTo(Path.of("local/data"));
        assertThat(command.tokenGenerated()).isTrue();
        assertThat(command.token()).hasSize(43);
        assertThat(command.seed()).isFalse();
        assertThat(command.replay()).isFalse();
    }

    @Test
    void readsPortTokenAndDataFromTheEnvironment() {
        Main.Command command = Main.parse(new String[0], Map.of("BROADSHEET_PORT", "9090",
                "BROADSHEET_EDITOR_TOKEN", " my-token ", "BROADSHEET_DATA_DIR", "/tmp/bs"));

        assertThat(command.port()).isEqualTo(9090);
        assertThat(command.token()).isEqualTo("my-token");
        assertThat(command.tokenGenerated()).isFalse();
        assertThat(command.dataDir()).isEqualTo(Path.of("/tmp/bs"));
    }

    @Test
    void readsTheContributorTokenAndTheLocalUsersFromTheEnvironment() {
        LocalSettings defaults = LocalSettings.of(Path.of("/tmp/bs"), 0, "editor-token");

        LocalSettings unchanged = Main.withSignIn(defaults, Map.of());
        assertThat(unchanged.contributorToken()).isNull();
        assertThat(unchanged.localUsers().isGenerated()).isTrue();
        assertThat(unchanged.localUsers().all()).extracting(LocalUsers.User::username).containsExactly("editor", "contributor");

        LocalSettings set = Main.withSignIn(defaults, Map.of("BROADSHEET_CONTRIBUTOR_TOKEN", " c-token ",
                "BROADSHEET_LOCAL_USERS", "eve:pw:editors"));
        assertThat(set.contributorToken()).isEqualTo("c-token");
        assertThat(set.localUsers().isGenerated()).isFalse();
        assertThat(set.localUsers().all()).extracting(LocalUsers.User::username).containsExactly("eve");

        assertThatThrownBy(() -> Main.withSignIn(defaults, Map.of("BROADSHEET_LOCAL_USERS", "eve")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void letsOptionsOverrideTheEnvironment() {
        Main.Command command = Main.parse(new String[] {"--port", "7070", "--seed", "--data=/tmp/x"},
                Map.of("BROADSHEET_PORT", "9090"));

        assertThat(command.port()).isEqualTo(7070);
        assertThat(command.seed()).isTrue();
        assertThat(command.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(Main.parse(new String[] {"--port=7071", "--replay-dead-letters"}, Map.of()))
                .satisfies(c -> {
                    assertThat(c.port()).isEqualTo(7071);
                    assertThat(c.replay()).isTrue();
                });
    }

    @Test
    void refusesBadPortsAndUnknownOptions() {
        assertThatThrownBy(() -> Main.parse(new String[] {"--port", "http"}, Map.of())).hasMessageContaining("number");
        assertThatThrownBy(() -> Main.parse(new String[] {"--port", "70000"}, Map.of())).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> Main.parse(new String[] {"--port"}, Map.of())).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Main.parse(new String[] {"--sed"}, Map.of())).hasMessageContaining("unknown option --sed");
    }
}
