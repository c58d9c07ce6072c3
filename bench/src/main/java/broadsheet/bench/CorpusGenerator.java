package broadsheet.bench;

import broadsheet.core.article.Article;
import broadsheet.core.article.LeadImage;
import broadsheet.core.text.Slugs;
import broadsheet.core.article.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates a deterministic corpus of news articles: the same seed and index always give the same
 * article, so a corpus of any size can be generated in parallel and every prefix of a corpus is the
 * corpus of that size.
 *
 * <p>Articles are spread over the site's eight sections and published one every
 * {@link #INTERVAL} (about 20 a day) going back from {@link #NEWEST}, so a section month holds
 * about 75 articles at any corpus size. Bodies are Markdown of {@value #MIN_WORDS}..{@value #MAX_WORDS}
 * words in paragraphs, with links, emphasis and strong emphasis.
 */
public final class CorpusGenerator {

    public static final List<String> SECTIONS =
            List.of("world", "politics", "business", "technology", "science", "culture", "sport", "opinion");
    public static final Instant NEWEST = Instant.parse("2026-11-01T06:00:00Z");
    public static final Duration INTERVAL = Duration.ofMinutes(72);
    public static final int MIN_WORDS = 600;
    public static final int MAX_WORDS = 900;

    private static final String[] NOUNS = {
        "government", "minister", "council", "harbour", "market", "budget", "report", "election", "court",
        "coalition", "union", "company", "bank", "rate", "inflation", "network", "reactor", "satellite",
        "vaccine", "study", "museum", "festival", "orchestra", "novel", "league", "match", "coach", "season",
        "parliament", "treaty", "summit", "border", "port", "railway", "bridge", "school", "hospital",
        "climate", "river", "forest", "drought", "harvest", "export", "factory", "startup", "investor",
        "regulator", "software", "chip", "telescope", "genome", "laboratory", "archive", "theatre", "film",
        "stadium", "referee", "striker", "mayor", "senator", "voter", "protest", "strike", "pension", "tax",
        "currency", "shipping", "airline", "energy", "pipeline", "grid", "storm", "coast", "village", "city"
    };
    private static final String[] VERBS = {
        "agreed", "rejected", "announced", "warned", "promised", "delayed", "approved", "questioned",
        "published", "reviewed", "expanded", "cut", "raised", "signed", "opened", "closed", "defended",
        "criticised", "welcomed", "proposed", "blocked", "funded", "tested", "launched", "suspended"
    };
    private static final String[] ADJECTIVES = {
        "new", "regional", "national", "independent", "senior", "local", "public", "private", "joint",
        "early", "late", "final", "cautious", "sharp", "modest", "record", "annual", "rural", "coastal",
        "northern", "southern", "eastern", "western", "European", "global", "emergency", "interim"
    };
    private static final String[] FILLERS = {
        "the", "a", "of", "in", "on", "for", "with", "after", "before", "while", "and", "but", "as", "by",
        "from", "at", "over", "under", "into", "about", "that", "which", "this", "its", "their"
    };
    private static final String[] FIRST = {
        "Elena", "Tomás", "Amara", "Jonas", "Priya", "Kwame", "Ingrid", "Mateo", "Sofia", "Yusuf", "Hana",
        "Liam", "Chiara", "Dmitri", "Aisha", "Oskar", "Mei", "Rafael", "Nadia", "Ewan"
    };
    private static final String[] LAST = {
        "Borg", "Ruiz", "Okafor", "Lindqvist", "Raman", "Mensah", "Haugen", "Silva", "Rossi", "Demir",
        "Sato", "Byrne", "Conti", "Volkov", "Haddad", "Nyberg", "Chen", "Moreno", "Karimi", "Fraser"
    };
    private static final String[] TAGS = {
        "Elections", "Climate", "Trade", "Energy", "Health", "Education", "Transport", "Housing", "Courts",
        "Europe", "Africa", "Asia", "Americas", "AI", "Space", "Football", "Tennis", "Film", "Books", "Music"
    };

    private final long seed;

    public CorpusGenerator(long seed) {
        this.seed = seed;
    }

    /** The article of index {@code i} (0 = newest). */
    public Article article(int i) {
        if (i < 0) {
            throw new IllegalArgumentException("index must not be negative: " + i);
        }
        SplittableRandom random = new SplittableRandom(mix(seed, i));
        String section = SECTIONS.get(random.nextInt(SECTIONS.size()));
        Instant publishAt = NEWEST.minus(INTERVAL.multipliedBy(i)).minusSeconds(random.nextInt(600))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String headline = headline(random);
        String slug = slug(headline, i);
        String standfirst = sentence(random, 18 + random.nextInt(12));
        String body = body(random, section, slug);
        LeadImage image = random.nextInt(4) == 0 ? null
                : new LeadImage("media/" + section + "/" + slug + ".jpg", sentence(random, 8).replace(".", ""),
                        sentence(random, 12), "Photo: " + name(random));
        int authorCount = 1 + (random.nextInt(5) == 0 ? 1 : 0);
        List<String> authors = new ArrayList<>();
        for (int a = 0; a < authorCount; a++) {
            String name = name(random);
            if (!authors.contains(name)) {
                authors.add(name);
            }
        }
        List<String> tags = new ArrayList<>();
        int tagCount = 1 + random.nextInt(4);
        for (int t = 0; t < tagCount; t++) {
            String tag = TAGS[random.nextInt(TAGS.length)];
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return new Article(section, slug, headline, standfirst, body, image, authors, tags, "Broadsheet reporting",
                Status.PUBLISHED, publishAt, publishAt, publishAt, 1);
    }

    /** Articles {@code 0..n-1}. */
    public List<Article> articles(int n) {
        List<Article> articles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            articles.add(article(i));
        }
        return articles;
    }

    /** The slug of article {@code i}: the headline's slug with the index, so slugs never collide. */
    static String slug(String headline, int i) {
        String base = Slugs.fromHeadline(headline);
        String suffix = "-" + i;
        if (base.length() + suffix.length() > Slugs.MAX_LENGTH) {
            base = base.substring(0, Slugs.MAX_LENGTH - suffix.length());
            while (base.endsWith("-")) {
                base = base.substring(0, base.length() - 1);
            }
        }
        return base + suffix;
    }

    private static String headline(SplittableRandom random) {
        String h = capitalise(pick(random, ADJECTIVES)) + " " + pick(random, NOUNS) + " " + pick(random, VERBS)
                + " " + pick(random, FILLERS) + " " + pick(random, ADJECTIVES) + " " + pick(random, NOUNS);
        if (random.nextBoolean()) {
            h += " " + pick(random, FILLERS) + " " + pick(random, NOUNS) + " " + pick(random, NOUNS);
        }
        return h;
    }

    private static String body(SplittableRandom random, String section, String slug) {
        int target = MIN_WORDS + random.nextInt(MAX_WORDS - MIN_WORDS + 1);
        StringBuilder md = new StringBuilder(target * 8);
        int words = 0;
        int paragraph = 0;
        while (words < target) {
            if (paragraph > 0) {
                md.append("\n\n");
            }
            int inParagraph = Math.min(target - words, 40 + random.nextInt(50));
            if (target - words - inParagraph < 12) {
                inParagraph = target - words;
            }
            words += paragraph(random, md, inParagraph, section, slug, paragraph);
            paragraph++;
        }
        return md.toString();
    }

    /** Appends a paragraph of exactly {@code count} words; returns {@code count}. */
    private static int paragraph(SplittableRandom random, StringBuilder md, int count, String section, String slug,
                                 int index) {
        int written = 0;
        boolean startSentence = true;
        int sentenceLeft = 8 + random.nextInt(14);
        while (written < count) {
            int left = count - written;
            int roll = random.nextInt(40);
            if (written > 0) {
                md.append(' ');
            }
            if (roll == 0 && left >= 3) {
                md.append('[').append(word(random, startSentence)).append(' ').append(pick(random, NOUNS))
                        .append(' ').append(pick(random, NOUNS)).append("](https://example.org/")
                        .append(section).append('/').append(slug).append('/').append(index).append(')');
                written += 3;
            } else if (roll == 1 && left >= 2) {
                md.append('*').append(word(random, startSentence)).append(' ').append(pick(random, NOUNS)).append('*');
                written += 2;
            } else if (roll == 2) {
                md.append("**").append(word(random, startSentence)).append("**");
                written += 1;
            } else {
                md.append(word(random, startSentence));
                written += 1;
            }
            startSentence = false;
            if (--sentenceLeft == 0 || written == count) {
                md.append(random.nextInt(6) == 0 ? "," : ".");
                if (md.charAt(md.length() - 1) == ',' && written == count) {
                    md.setCharAt(md.length() - 1, '.');
                }
                startSentence = md.charAt(md.length() - 1) == '.';
                sentenceLeft = 8 + random.nextInt(14);
            }
        }
        return written;
    }

    private static String word(SplittableRandom random, boolean capital) {
        int roll = random.nextInt(10);
        String w = roll < 4 ? pick(random, FILLERS) : roll < 7 ? pick(random, NOUNS)
                : roll < 9 ? pick(random, ADJECTIVES) : pick(random, VERBS);
        return capital ? capitalise(w) : w;
    }

    private static String sentence(SplittableRandom random, int words) {
        StringBuilder s = new StringBuilder();
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                s.append(' ');
            }
            s.append(word(random, w == 0));
        }
        return s.append('.').toString();
    }

    private static String name(SplittableRandom random) {
        return pick(random, FIRST) + " " + pick(random, LAST);
    }

    private static String pick(SplittableRandom random, String[] words) {
        return words[random.nextInt(words.length)];
    }

    private static String capitalise(String w) {
        return w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
    }

    private static long mix(long seed, int i) {
        long z = seed + 0x9E3779B97F4A7C15L * (i + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
