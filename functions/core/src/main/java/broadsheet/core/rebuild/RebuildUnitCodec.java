package broadsheet.core.rebuild;

import broadsheet.core.rebuild.SiteRebuild;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;

/**
 * The message body of a rebuild unit: small JSON, e.g. {@code {"unit":"articles","section":"world",
 * "cursor":"..."}}, {@code {"unit":"listings","segment":2,"segments":4}}, {@code {"unit":"finish"}}.
 */
public final class RebuildUnitCodec {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Body(String unit, String section, Integer segment, Integer segments, String cursor) {
    }

    private final JsonMapper mapper = JsonMapper.builder().build();

    public String encode(SiteRebuild.Unit unit) {
        String cursor = unit.cursor().orElse(null);
        Body body;
        if (unit instanceof SiteRebuild.SectionArticles a) {
            body = new Body("articles", a.section(), null, null, cursor);
        } else if (unit instanceof SiteRebuild.ListingSegment l) {
            body = new Body("listings", null, l.segment(), l.segments(), cursor);
        } else {
            body = new Body("finish", null, null, null, null);
        }
        return mapper.writeValueAsString(body);
    }

    /** @throws IllegalArgumentException when the text is not a unit this codec wrote */
    public SiteRebuild.Unit decode(String text) {
        Body body;
        try {
            body = mapper.readValue(text, Body.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a rebuild unit", e);
        }
        if (body == null || body.unit() == null) {
            throw new IllegalArgumentException("not a rebuild unit: no \"unit\"");
        }
        Optional<String> cursor = Optional.ofNullable(body.cursor());
        return switch (body.unit()) {
            case "articles" -> {
                if (body.section() == null) {
                    throw new IllegalArgumentException("an articles unit needs a section");
                }
                yield new SiteRebuild.SectionArticles(body.section(), cursor);
            }
            case "listings" -> {
                if (body.segment() == null || body.segments() == null) {
                    throw new IllegalArgumentException("a listings unit needs segment and segments");
                }
                yield new SiteRebuild.ListingSegment(body.segment(), body.segments(), cursor);
            }
            case "finish" -> new SiteRebuild.Finish();
            default -> throw new IllegalArgumentException("unknown rebuild unit: " + body.unit());
        };
    }
}
