package broadsheet.bench;

import broadsheet.core.article.Article;
import broadsheet.core.article.LeadImage;
import broadsheet.core.article.Status;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a stored article from the JSON that {@link broadsheet.core.editing.ArticleJson} writes,
 * in one streaming pass. A full rebuild reads articles that were validated when they were
 * written, as the publisher reads table items without validating them again; the export can
 * still run every file through the API's validator ({@code --validate}).
 */
final class StoredArticleReader {

    private final JsonMapper mapper = JsonMapper.builder().build();

    Article read(byte[] json) {
        String section = null;
        String slug = null;
        String headline = null;
        String standfirst = null;
        String body = null;
        LeadImage image = null;
        List<String> authors = List.of();
        List<String> tags = List.of();
        String source = null;
        Status status = null;
        Instant publishAt = null;
        Instant createdAt = null;
        Instant updatedAt = null;
        long version = 0;
        try (JsonParser p = mapper.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (name) {
                    case "section" -> section = p.getString();
                    case "slug" -> slug = p.getString();
                    case "headline" -> headline = p.getString();
                    case "standfirst" -> standfirst = p.getString();
                    case "body" -> body = plainString(json, p);
                    case "image" -> image = image(p);
                    case "authors" -> authors = strings(p);
                    case "tags" -> tags = strings(p);
                    case "source" -> source = p.getString();
                    case "status" -> status = status(p.getString());
                    case "publishAt" -> publishAt = Instant.parse(p.getString());
                    case "createdAt" -> createdAt = Instant.parse(p.getString());
                    case "updatedAt" -> updatedAt = Instant.parse(p.getString());
                    case "version" -> version = p.getLongValue();
                    default -> p.skipChildren();
                }
            }
        }
        if (section == null || slug == null || headline == null || body == null || status == null) {
            throw new IllegalArgumentException("not a stored article: section, slug, headline, body and status are required");
        }
        return new Article(section, slug, headline, standfirst, body, image, authors, tags, source, status,
                publishAt, createdAt, updatedAt, version);
    }

    /**
     * The string the parser stands on. A body is long, ASCII as a rule and full of {@code \n}
     * escapes, and Jackson decodes such a string through a char buffer it then compresses back to
     * Latin-1, both character by character, slowly with the first JIT tier: so a string of ASCII
     * with at most the one-letter escapes is decoded here from the bytes, in one pass. Anything
     * else (a backslash-u escape, a byte outside ASCII, a control character) is left to the parser.
     */
    static String plainString(byte[] json, JsonParser p) {
        long start = p.currentTokenLocation().getByteOffset();
        if (start < 0 || start >= json.length || json[(int) start] != '"') {
            return p.getString();
        }
        byte[] out = new byte[json.length - (int) start];
        int n = 0;
        for (int i = (int) start + 1; i < json.length; i++) {
            byte b = json[i];
            if (b == '"') {
                return new String(out, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (b == '\\') {
                if (++i == json.length) {
                    break;
                }
                b = switch (json[i]) {
                    case 'n' -> '\n';
                    case '"' -> '"';
                    case '\\' -> '\\';
                    case '/' -> '/';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    default -> 0;
                };
                if (b == 0) {
                    return p.getString();
                }
            } else if (b < 0x20) {
                return p.getString();
            }
            out[n++] = b;
        }
        return p.getString();
    }

    private static LeadImage image(JsonParser p) {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        String src = null;
        String alt = null;
        String caption = null;
        String credit = null;
        for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            String text = value == JsonToken.VALUE_NULL ? null : p.getString();
            switch (name) {
                case "src" -> src = text;
                case "alt" -> alt = text;
                case "caption" -> caption = text;
                case "credit" -> credit = text;
                default -> p.skipChildren();
            }
        }
        return new LeadImage(src, alt, caption, credit);
    }

    private static List<String> strings(JsonParser p) {
        expect(p.currentToken(), JsonToken.START_ARRAY);
        List<String> values = new ArrayList<>(4);
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            values.add(p.getString());
        }
        return values;
    }

    private static Status status(String wireName) {
        return Status.fromWireName(wireName).orElseThrow(() -> new IllegalArgumentException("unknown status " + wireName));
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("expected " + expected + ", found " + actual);
        }
    }
}
