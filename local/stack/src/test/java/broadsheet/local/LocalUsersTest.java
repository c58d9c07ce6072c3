package broadsheet.local;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalUsersTest {

    @Test
    void parsesUsersWithTheirGroups() {
        LocalUsers users = LocalUsers.parse(" eve:pw1:editors; ann:p:w:contributors\nbo:pw3:editors+contributors  nora:pw4");

        assertThat(users.all()).extracting(LocalUsers.User::username).containsExactly("eve", "ann", "bo", "nora");
        assertThat(users.find("eve").orElseThrow().groups()).containsExactly("editors");
        assertThat(users.find("ann").orElseThrow().password()).isEqualTo("p");
        assertThat(users.find("ann").orElseThrow().groups()).containsExactly("w:contributors");
        assertThat(users.find("bo").orElseThrow().groups()).containsExactly("editors", "contributors");
        assertThat(users.find("nora").orElseThrow().groups()).isEmpty();
        assertThat(users.isGenerated()).isFalse();
    }

    @Test
    void refusesBadSpecifications() {
        assertThatThrownBy(() -> LocalUsers.parse("  ")).hasMessageContaining("names no user");
        assertThatThrownBy(() -> LocalUsers.parse("eve")).hasMessageContaining("name:password");
        assertThatThrownBy(() -> LocalUsers.parse("eve:")).hasMessageContaining("empty");
        assertThatThrownBy(() -> LocalUsers.parse("e<v>e:pw")).hasMessageContaining("user name");
        assertThatThrownBy(() -> LocalUsers.parse("eve:a;eve:b")).hasMessageContaining("twice");
    }

    @Test
    void generatesOneEditorAndOneContributorWithRandomPasswords() {
        LocalUsers users = LocalUsers.generated();
        LocalUsers again = LocalUsers.generated();

        assertThat(users.isGenerated()).isTrue();
        assertThat(users.all()).extracting(LocalUsers.User::groups)
                .containsExactly(List.of("editors"), List.of("contributors"));
        assertThat(users.find("editor").orElseThrow().password()).hasSize(16)
                .isNotEqualTo(again.find("editor").orElseThrow().password());
    }

    @Test
    void signsInWithTheRightPasswordOnly() {
        LocalUsers users = LocalUsers.parse("eve:secret:editors");

        assertThat(users.signIn("eve", "secret")).isPresent();
        assertThat(users.signIn("eve", "Secret")).isEmpty();
        assertThat(users.signIn("eve", "")).isEmpty();
        assertThat(users.signIn("adam", "secret")).isEmpty();
        assertThat(users.signIn(null, null)).isEmpty();
    }

    @Test
    void subjectsAreStableUuidsAndPasswordsStayOutOfToString() {
        LocalUsers.User eve = LocalUsers.parse("eve:secret:editors").find("eve").orElseThrow();

        assertThat(eve.sub()).isEqualTo(LocalUsers.parse("eve:other").find("eve").orElseThrow().sub())
                .matches("[0-9a-f-]{36}");
        assertThat(eve.toString()).doesNotContain("secret");
    }
}
