package broadsheet.core.article;

import java.util.Locale;
import java.util.Optional;

/** Editorial status. Its JSON form is the lowercase name. */
public enum Status {
    DRAFT, SCHEDULED, PUBLISHED;

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
