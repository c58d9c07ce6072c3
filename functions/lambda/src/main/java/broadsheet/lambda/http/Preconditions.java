package broadsheet.lambda.http;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code If-Match} header of a conditional write. Entity tags are the article version in
 * quotes ({@code "3"}); only strong tags match. {@code *} is refused, because it would turn a
 * conditional write into an unconditional one and lose concurrent edits.
 */
public record Preconditions(Set<Long> versions) {

    public Preconditions {
        versions = Set.copyOf(versions);
    }

    /** The entity tag of a version: {@code "<version>"}. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Parses {@code If-Match}.
     *
     * @return empty when the header is absent, blank or {@code *} (the caller answers 428); the
     * versions named (possibly none, when no tag is a strong version tag: nothing can match, 412)
     */
    public static Optional<Preconditions> ifMatch(Optional<String> header) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.empty();
        }
        Set<Long> versions = new LinkedHashSet<>();
        for (String tag : header.get().split(",")) {
            String t = tag.strip();
            if (t.equals("*")) {
                return Optional.empty();
            }
            if (t.length() > 2 && t.startsWith("\"") && t.endsWith("\"")) {
                String digits = t.substring(1, t.length() - 1);
                if (digits.matches("[0-9]{1,18}")) {
                    versions.add(Long.parseLong(digits));
                }
            }
        }
        return Optional.of(new Preconditions(versions));
    }

    public boolean matches(long version) {
        return versions.contains(version);
    }
}
