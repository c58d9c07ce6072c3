package broadsheet.core.article;

import java.util.List;

/** The outcome of parsing and validating an editor's article: a valid article or every violation. */
public sealed interface Validated {

    record Valid(Article article) implements Validated {
    }

    record Invalid(List<Violation> violations) implements Validated {
        public Invalid {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("an invalid result needs at least one violation");
            }
        }
    }
}
