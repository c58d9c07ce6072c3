package broadsheet.bench;

import broadsheet.core.article.Article;
import broadsheet.core.editing.ArticleJson;
import broadsheet.core.site.SiteConfig;
import broadsheet.core.site.SiteLayout;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StoredArticleReaderTest {

    private static final List<String> BODIES = List.of("", "Plain text.", "Two\n\nparagraphs with a \"quote\".",
            "Back\\slash, /slash/, tab\there, return\r, \b and \f", "caf\u00e9 and na\u00efve", "\u201cquoted\u201d",
            "emoji \ud83d\ude00 in text", "control \u0001 and \u001f", "an escaped \u2028 separator",
            "**bold** [link](https://example.org/a?b=c&d=e) <script>alert(1)</script>", "ends with a backslash \\");

    /** The body read from the bytes equals Jackson's reading of it, and the parser goes on to the next field. */
    @Test
    void plainStringReadsEveryBodyAsJacksonDoes() throws Exception {
        JsonMapper mapper = JsonMapper.builder().build();
        for (String body : BODIES) {
            byte[] json = ("{\"before\":\"x\",\"body\":" + mapper.writeValueAsString(body) + ",\"after\":7}")
                    .getBytes(StandardCharsets.UTF_8);
            try (JsonParser p = mapper.createParser(json)) {
                p.nextToken();
                p.nextToken();
                p.nextToken();
                p.nextToken();
                assertThat(p.currentName()).isEqualTo("body");
                assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
                assertThat(StoredArticleReader.plainString(json, p)).as(body).isEqualTo(body);
                assertThat(p.nextToken()).isEqualTo(JsonToken.PROPERTY_NAME);
                assertThat(p.currentName()).isEqualTo("after");
                assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
            }
        }
    }

    @Test
    void readsBackTheArticlesTheApiWrites() {
        ArticleJson writer = new ArticleJson(new SiteLayout(SiteConfig.load()));
        CorpusGenerator generator = new CorpusGenerator(3);
        for (Article article : generator.articles(20)) {
            for (String body : BODIES) {
                Article withBody = new Article(article.section(), article.slug(), article.headline(),
                        article.standfirst(), body.isEmpty() ? "x" : body, article.image(), article.authors(),
                        article.tags(), article.source(), article.status(), article.publishAt(), article.createdAt(),
                        article.updatedAt(), article.version());
                assertThat(new StoredArticleReader().read(writer.write(withBody))).isEqualTo(withBody);
            }
        }
    }
}
