package broadsheet.core.site;

import java.util.List;

/** The site config is unusable; {@link #problems()} lists every problem found. */
public final class SiteConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public SiteConfigException(List<String> problems) {
        super("invalid site config: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
