package broadsheet.core.article;

import java.util.Locale;
import java.util.Optional;

/**
 * Editorial status. Its JSON form is the lowercase name.
 *
 * <p>{@link #REVIEW} is a draft that its writer has submitted for an editor's review: it is
 * stored and previewed like a draft and, like a draft, never rendered, listed or fed to readers
 * (only {@link #PUBLISHED} articles whose time has come are live, see {@link Article#isLive}).
 */
public enum Status {
    DRAFT, REVIEW, SCHEDULED, PUBLISHED;

    /** The wire names of every status, in declaration order, for messages. */
    public static String wireNames() {
        return java.util.Arrays.stream(values()).map(Status::wireName)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Status> fromWireName(String value) {
        for (Status s : values()) {
            if (s.wireName().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
