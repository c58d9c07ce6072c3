package broadsheet.bench;

import broadsheet.core.article.Article;
import broadsheet.core.editing.ArticleJson;
import broadsheet.core.article.ArticleValidator;
import broadsheet.core.text.Slugs;
import broadsheet.core.article.Validated;
import broadsheet.core.site.SiteConfig;
import broadsheet.core.site.SiteLayout;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class CorpusGeneratorTest {

    private static final Pattern LINK_TARGET = Pattern.compile("\\]\\([^)]*\\)");
    private static final SiteConfig SITE = SiteConfig.load();

    private final CorpusGenerator generator = new CorpusGenerator(7);
    private final List<Article> articles = generator.articles(200);

    @Test
    void sameSeedGivesTheSameArticlesAndAnotherSeedDifferentOnes() {
        assertThat(new CorpusGenerator(7).articles(200)).isEqualTo(articles);
        assertThat(new CorpusGenerator(7).article(150)).isEqualTo(articles.get(150));
        assertThat(new CorpusGenerator(8).article(0).body()).isNotEqualTo(articles.get(0).body());
    }

    @Test
    void bodiesHave600To900WordsInParagraphsWithLinksAndEmphasis() {
        for (Article a : articles) {
            String text = LINK_TARGET.matcher(a.body()).replaceAll("]");
            int words = text.trim().split("\\s+").length;
            assertThat(words).as(a.slug()).isBetween(CorpusGenerator.MIN_WORDS, CorpusGenerator.MAX_WORDS);
            assertThat(a.body().split("\n\n")).as(a.slug()).hasSizeGreaterThanOrEqualTo(6);
        }
        assertThat(articles).allSatisfy(a -> assertThat(a.body()).contains("](https://example.org/"));
        assertThat(articles).allSatisfy(a -> assertThat(a.body()).containsPattern("(^|\\s)\\*[A-Za-z]"));
        assertThat(articles).anySatisfy(a -> assertThat(a.body()).contains("**"));
    }

    @Test
    void articlesSpreadOverEverySectionNewestFirstWithUniqueSlugs() {
        Set<String> sections = new HashSet<>();
        Set<String> slugs = new HashSet<>();
        for (int i = 0; i < articles.size(); i++) {
            Article a = articles.get(i);
            sections.add(a.section());
            assertThat(slugs.add(a.slug())).as("unique slug " + a.slug()).isTrue();
            assertThat(Slugs.isWellFormed(a.slug())).as(a.slug()).isTrue();
            assertThat(a.authors()).isNotEmpty();
            assertThat(a.tags()).isNotEmpty();
            if (i > 0) {
                assertThat(a.publishAt()).isBefore(articles.get(i - 1).publishAt());
            }
        }
        assertThat(sections).containsExactlyInAnyOrderElementsOf(SITE.sectionSlugs());
    }

    @Test
    void articleJsonIsAcceptedByTheApiValidatorUnchanged() {
        ArticleJson json = new ArticleJson(new SiteLayout(SITE));
        ArticleValidator validator = new ArticleValidator(SITE);
        for (Article a : articles.subList(0, 50)) {
            Validated parsed = validator.parse(json.write(a));
            assertThat(parsed).isInstanceOf(Validated.Valid.class);
            Article back = ((Validated.Valid) parsed).article();
            assertThat(back.withTimes(a.createdAt(), a.updatedAt()).withVersion(a.version())).isEqualTo(a);
        }
    }

    @Test
    void hugoPageHasFrontMatterAndTheSameBody() {
        Article a = articles.get(3);
        String page = Corpus.hugoPage(a);
        assertThat(page).startsWith("---\ntitle: \"" + a.headline() + "\"\n");
        assertThat(page).contains("\ndate: " + a.publishAt() + "\n", "\nsection: \"" + a.section() + "\"\n",
                "\ntags: [\"" + a.tags().get(0) + "\"", "\nauthor: [\"" + a.authors().get(0) + "\"",
                "\nsummary: \"" + a.standfirst() + "\"\n");
        assertThat(page).endsWith("\n---\n" + a.body() + "\n");
    }
}
