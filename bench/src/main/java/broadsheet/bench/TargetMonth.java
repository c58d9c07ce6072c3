package broadsheet.bench;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.AbstractList;
import java.util.List;

/**
 * A site of generated articles whose target section month (the section and month a new article
 * goes into when it is published now) already holds {@code entries} published articles, beside
 * {@code n} corpus articles (which end on 1 November 2026, so none of them is in the current month).
 *
 * <p>{@link #articles()} is a list computed on access, article by article ({@link CorpusGenerator}
 * gives article {@code i} from the seed and {@code i} alone), so a site of 200,000 articles is
 * seeded without holding their bodies in memory.
 *
 * @param n       corpus articles (any sections, months before the current one)
 * @param entries published articles already in the target section month
 * @param section the target section
 * @param month   the target month (the current month in UTC when the site is seeded)
 * @param now     the time the entries' publish times stay before
 */
record TargetMonth(int n, int entries, String section, YearMonth month, Instant now) {

    /** Seed of the target month's articles (the corpus has its own). */
    static final long SEED = 5000;

    TargetMonth {
        if (entries > 0 && (window(month, now).isNegative() || window(month, now).isZero())) {
            throw new IllegalArgumentException("no time left in " + month + " before " + now
                    + " to publish the target month's entries: run again a minute later");
        }
    }

    static TargetMonth current(int n, int entries, String section, Instant now) {
        return new TargetMonth(n, entries, section, YearMonth.from(now.atOffset(ZoneOffset.UTC)), now);
    }

    /** Corpus articles {@code 0..n-1}, then the target month's entries. */
    List<Article> articles() {
        CorpusGenerator corpus = new CorpusGenerator(Corpus.DEFAULT_SEED);
        CorpusGenerator filler = new CorpusGenerator(SEED);
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Duration step = window(month, now).dividedBy(entries + 1L);
        return new AbstractList<>() {
            @Override
            public Article get(int i) {
                if (i < n) {
                    return corpus.article(i);
                }
                int k = i - n;
                Instant at = start.plus(step.multipliedBy(k + 1L));
                return inSection(renamed(filler.article(k), "m" + k), section).withPublishAt(at).withTimes(at, at);
            }

            @Override
            public int size() {
                return n + entries;
            }
        };
    }

    /** From the month's start to a minute before {@code now}, or to the month's end. */
    private static Duration window(YearMonth month, Instant now) {
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant last = now.minus(Duration.ofMinutes(1));
        return Duration.between(start, last.isBefore(end) ? last : end);
    }

    /** The article with its slug prefixed (slugs of the corpus end in their index and must not collide). */
    static Article renamed(Article a, String prefix) {
        String base = a.slug().length() > 60 ? a.slug().substring(0, 60) : a.slug();
        while (base.endsWith("-")) {
            base = base.substring(0, base.length() - 1);
        }
        return new Article(a.section(), prefix + "-" + base, a.headline(), a.standfirst(), a.body(), a.image(),
                a.authors(), a.tags(), a.source(), Status.PUBLISHED, a.publishAt(), a.createdAt(), a.updatedAt(),
                a.version());
    }

    static Article inSection(Article a, String section) {
        return new Article(section, a.slug(), a.headline(), a.standfirst(), a.body(), a.image(), a.authors(), a.tags(),
                a.source(), a.status(), a.publishAt(), a.createdAt(), a.updatedAt(), a.version(), a.createdBy());
    }
}
