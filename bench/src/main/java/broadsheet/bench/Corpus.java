package broadsheet.bench;

import broadsheet.core.article.Article;
import broadsheet.core.editing.ArticleJson;
import broadsheet.core.site.Section;
import broadsheet.core.site.SiteConfig;
import broadsheet.core.site.SiteLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Writes a generated corpus twice, from the same articles:
 * <pre>
 * DIR/broadsheet/&lt;section&gt;/&lt;slug&gt;.json   the article as the API represents it ({@link ArticleJson})
 * DIR/hugo/content/&lt;section&gt;/_index.md    the section's title, for Hugo
 * DIR/hugo/content/&lt;section&gt;/&lt;slug&gt;.md   front matter (title, date, section, tags, author, summary, ...)
 *                                        and the Markdown body
 * </pre>
 *
 * <p>Command: {@code java -cp broadsheet-bench.jar broadsheet.bench.Corpus --n 10000 [--seed 7] --out DIR}.
 */
public final class Corpus {

    public static final long DEFAULT_SEED = 7;
    public static final String BROADSHEET_DIR = "broadsheet";
    public static final String HUGO_CONTENT_DIR = "hugo/content";

    private final SiteConfig config;
    private final ArticleJson json;

    public Corpus(SiteConfig config) {
        this.config = config;
        this.json = new ArticleJson(new SiteLayout(config));
    }

    public static void main(String[] args) throws IOException {
        Args a = Args.parse(args);
        int n = a.integer("n");
        long seed = a.has("seed") ? Long.parseLong(a.value("seed")) : DEFAULT_SEED;
        Path out = Path.of(a.value("out"));
        long start = System.nanoTime();
        new Corpus(SiteConfig.load()).write(new CorpusGenerator(seed), n, out);
        System.out.printf("corpus: %d articles (seed %d) in %s, %d ms%n", n, seed, out,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Writes articles {@code 0..n-1} of the generator under {@code out}, in parallel. */
    public void write(CorpusGenerator generator, int n, Path out) throws IOException {
        Path articles = out.resolve(BROADSHEET_DIR);
        Path content = out.resolve(HUGO_CONTENT_DIR);
        for (Section section : config.sections()) {
            Files.createDirectories(articles.resolve(section.slug()));
            Files.createDirectories(content.resolve(section.slug()));
            Files.writeString(content.resolve(section.slug()).resolve("_index.md"),
                    "---\ntitle: " + quoted(section.title()) + "\n---\n");
        }
        IntStream.range(0, n).parallel().forEach(i -> {
            Article article = generator.article(i);
            try {
                Files.write(articles.resolve(article.section()).resolve(article.slug() + ".json"), json.write(article));
                Files.writeString(content.resolve(article.section()).resolve(article.slug() + ".md"), hugoPage(article),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The Hugo content file of an article: YAML front matter (strings JSON-quoted) and the body. */
    static String hugoPage(Article a) {
        StringBuilder md = new StringBuilder(a.body().length() + 1024);
        md.append("---\n");
        md.append("title: ").append(quoted(a.headline())).append('\n');
        md.append("date: ").append(a.publishAt()).append('\n');
        md.append("section: ").append(quoted(a.section())).append('\n');
        md.append("tags: ").append(list(a.tags())).append('\n');
        md.append("author: ").append(list(a.authors())).append('\n');
        md.append("summary: ").append(quoted(a.standfirst())).append('\n');
        if (a.image() != null) {
            md.append("image: ").append(quoted(a.image().src())).append('\n');
            md.append("imageAlt: ").append(quoted(a.image().alt())).append('\n');
            md.append("imageCaption: ").append(quoted(a.image().caption())).append('\n');
            md.append("imageCredit: ").append(quoted(a.image().credit())).append('\n');
        }
        md.append("source: ").append(quoted(a.source())).append('\n');
        md.append("---\n");
        md.append(a.body()).append('\n');
        return md.toString();
    }

    private static String list(List<String> values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(quoted(values.get(i)));
        }
        return s.append(']').toString();
    }

    private static String quoted(String value) {
        StringBuilder s = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                default -> s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
