package broadsheet.core.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTest {

    @Test
    void escapesTheFiveCharactersThatCouldEndTextOrAnAttribute() {
        assertThat(Html.escape("<a href=\"x\" title='y'>Tom & Jerry</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;");
    }

    @Test
    void leavesOtherTextAndNullAlone() {
        assertThat(Html.escape("Zürich — 東京 🗞")).isEqualTo("Zürich — 東京 🗞");
        assertThat(Html.escape(null)).isNull();
    }
}
