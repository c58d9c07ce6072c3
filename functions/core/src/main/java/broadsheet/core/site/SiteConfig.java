package broadsheet.core.site;

import broadsheet.core.text.Slugs;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The site: its name, base URL, language, sections and page sizes. Loaded once at start from
 * the classpath resource {@code broadsheet/site.json} (packaged by the templates module) and
 * checked as a whole: an unusable config fails the start with every problem listed.
 *
 * @param baseUrl  absolute http(s) URL without a trailing slash, e.g. {@code https://broadsheet.example}
 * @param pageSize    entries shown on a front page (section, author, tag) and on the home page
 * @param feedEntries entries in a feed (RSS, Atom). Its JSON key is {@code feedSize}, the name it
 *                    had: {@code site.json} is part of the templates digest, and a renamed key
 *                    would call for a new render generation (a whole-site rebuild) for pages that
 *                    do not change
 * @param generation the render generation, at least 1 and below 2^31: part of every page
 *                   revision ({@link broadsheet.core.render.PageRevision}), so it must be
 *                   raised whenever the templates or this config change how pages render
 */
public record SiteConfig(
        String name,
        String description,
        String baseUrl,
        String language,
        List<Section> sections,
        int pageSize,
        int feedEntries,
        int generation) {

    public static final String RESOURCE = "broadsheet/site.json";

    private static final Set<String> FIELDS =
            Set.of("name", "description", "baseUrl", "language", "sections", "pageSize", "feedSize", "generation");
    private static final JsonMapper MAPPER =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    public SiteConfig {
        sections = sections == null ? List.of() : List.copyOf(sections);
        baseUrl = baseUrl == null ? null : stripTrailingSlashes(baseUrl.trim());
        List<String> problems = problems(name, baseUrl, language, sections, pageSize, feedEntries, generation);
        if (!problems.isEmpty()) {
            throw new SiteConfigException(problems);
        }
        description = description == null ? "" : description;
    }

    /** Loads {@code broadsheet/site.json} from the classpath. */
    public static SiteConfig load() {
        ClassLoader loader = SiteConfig.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new SiteConfigException(List.of(RESOURCE + " is not on the classpath"));
            }
            return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Parses and checks a site config. */
    public static SiteConfig fromJson(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new SiteConfigException(List.of("site config is not valid JSON"));
        }
        if (root == null || !root.isObject()) {
            throw new SiteConfigException(List.of("site config must be a JSON object"));
        }
        List<String> problems = new ArrayList<>();
        for (String field : root.propertyNames()) {
            if (!FIELDS.contains(field)) {
                problems.add("unknown field '" + field + "'");
            }
        }
        String name = text(root, "name", problems);
        String description = text(root, "description", problems);
        String baseUrl = text(root, "baseUrl", problems);
        String language = text(root, "language", problems);
        int pageSize = integer(root, "pageSize", problems);
        int feedEntries = integer(root, "feedSize", problems);
        int generation = integer(root, "generation", problems);
        List<Section> sections = new ArrayList<>();
        JsonNode list = root.get("sections");
        if (list != null && !list.isArray()) {
            problems.add("sections must be an array");
        } else if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                JsonNode s = list.get(i);
                if (!s.isObject() || !s.path("slug").isString() || !s.path("title").isString()) {
                    problems.add("sections[" + i + "] must be an object with string slug and title");
                } else {
                    sections.add(new Section(s.get("slug").stringValue(), s.get("title").stringValue()));
                }
            }
        }
        if (!problems.isEmpty()) {
            // report the value problems of the fields that were readable too
            for (String p : problems(name, baseUrl == null ? null : stripTrailingSlashes(baseUrl.trim()), language,
                    sections, pageSize, feedEntries, generation)) {
                String field = p.substring(0, p.indexOf(' '));
                if (problems.stream().noneMatch(q -> q.startsWith(field + " "))) {
                    problems.add(p);
                }
            }
            throw new SiteConfigException(problems);
        }
        return new SiteConfig(name, description, baseUrl, language, sections, pageSize, feedEntries, generation);
    }

    /** The same site served from another base URL (set from configuration by the wiring). */
    public SiteConfig withBaseUrl(String newBaseUrl) {
        return new SiteConfig(name, description, newBaseUrl, language, sections, pageSize, feedEntries, generation);
    }

    /**
     * Entries a section front and home keep: enough for their page ({@link #pageSize}) and their
     * feeds ({@link #feedEntries}), which are cut from them. The publisher keeps them this long, so
     * the two can never disagree. An author or tag front has no feed and keeps {@link #pageSize}
     * (the listing package's {@code FrontSizes}).
     */
    public int frontSize() {
        return Math.max(pageSize, feedEntries);
    }

    public List<String> sectionSlugs() {
        return sections.stream().map(Section::slug).toList();
    }

    public Optional<Section> section(String slug) {
        return sections.stream().filter(s -> s.slug().equals(slug)).findFirst();
    }

    public boolean hasSection(String slug) {
        return section(slug).isPresent();
    }

    private static List<String> problems(String name, String baseUrl, String language, List<Section> sections,
                                         int pageSize, int feedEntries, int generation) {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("name is required");
        }
        if (baseUrl == null || !isHttpUrl(baseUrl)) {
            problems.add("baseUrl must be an absolute http(s) URL without query or fragment, got " + baseUrl);
        }
        if (language == null || !language.matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
            problems.add("language must be a language tag such as 'en', got " + language);
        }
        if (sections.isEmpty()) {
            problems.add("sections must list at least one section");
        }
        Set<String> seen = new HashSet<>();
        for (Section s : sections) {
            if (s == null || s.slug() == null || !s.slug().matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                problems.add("section slug must match [a-z0-9-]+, got " + (s == null ? null : s.slug()));
                continue;
            }
            if (broadsheet.core.text.Slugs.isReserved(s.slug())) {
                problems.add("section slug '" + s.slug() + "' is reserved for other pages (author, tag, feed, ...)");
            }
            if (!seen.add(s.slug())) {
                problems.add("section '" + s.slug() + "' is listed twice");
            }
            if (s.title() == null || s.title().isBlank()) {
                problems.add("section '" + s.slug() + "' needs a title");
            }
        }
        if (pageSize < 1 || pageSize > 200) {
            problems.add("pageSize must be 1..200, got " + pageSize);
        }
        if (feedEntries < 1 || feedEntries > 200) {
            problems.add("feedSize must be 1..200, got " + feedEntries);
        }
        if (generation < 1) {
            problems.add("generation must be at least 1, got " + generation);
        }
        return problems;
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String stripTrailingSlashes(String value) {
        String v = value;
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        return v;
    }

    private static String text(JsonNode root, String field, List<String> problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            problems.add(field + " must be a string");
            return null;
        }
        return node.stringValue();
    }

    private static int integer(JsonNode root, String field, List<String> problems) {
        JsonNode node = root.get(field);
        if (node == null || !node.canConvertToInt() || !node.isIntegralNumber()) {
            problems.add(field + " must be an integer");
            return 0;
        }
        return node.intValue();
    }
}
