package broadsheet.core.publish;

import java.util.Objects;

/**
 * Names one listing item, e.g. {@code section/world/front}, {@code section/world/2026-11} or
 * {@code home}. Plain text so that stores can use it as a key.
 */
public record ListingId(String value) implements Comparable<ListingId> {

    public ListingId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("listing id must not be blank");
        }
    }

    @Override
    public int compareTo(ListingId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
