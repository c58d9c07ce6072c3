package broadsheet.core.rebuild;

import broadsheet.core.rebuild.SiteRebuild.Done;
import broadsheet.core.rebuild.SiteRebuild.Unit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The local driver of a {@link SiteRebuild}: its units one after another, in one process, with a
 * {@link Checkpoint} after each, so an interrupted rebuild resumes where it stopped (the
 * store-rebuild command of the benchmarks; in AWS {@link RebuildFanOut} drives the same units
 * through a queue).
 */
public final class CheckpointedRebuild {

    /**
     * Where a rebuild run unit by unit stands: the step of {@link SiteRebuild#units}{@code (1)} it is at, the
     * cursor within that step, and how many articles, listings and uploads are done so far. Small
     * and of constant size, whatever the size of the site.
     */
    public record Checkpoint(int step, Optional<String> cursor, long articles, long listings, long uploads) {

        public static final Checkpoint START = new Checkpoint(0, Optional.empty(), 0, 0, 0);

        public Checkpoint {
            Objects.requireNonNull(cursor, "cursor");
        }

        Checkpoint after(Done done) {
            int nextStep = done.next().isPresent() ? step : step + 1;
            return new Checkpoint(nextStep, done.next().flatMap(Unit::cursor), articles + done.articles(),
                    listings + done.listings(), uploads + done.uploads());
        }

        /** Plain text, one value a line. */
        public String encode() {
            return step + "\n" + cursor.orElse("") + "\n" + articles + "\n" + listings + "\n" + uploads + "\n";
        }

        public static Checkpoint decode(String text) {
            String[] lines = text.split("\n", -1);
            if (lines.length < 5) {
                throw new IllegalArgumentException("not a rebuild checkpoint");
            }
            return new Checkpoint(Integer.parseInt(lines[0]), lines[1].isEmpty() ? Optional.empty() : Optional.of(lines[1]),
                    Long.parseLong(lines[2]), Long.parseLong(lines[3]), Long.parseLong(lines[4]));
        }
    }

    private final SiteRebuild rebuild;
    private final List<Unit> steps;

    public CheckpointedRebuild(SiteRebuild rebuild) {
        this.rebuild = Objects.requireNonNull(rebuild, "rebuild");
        this.steps = rebuild.units(1);
    }

    /**
     * Runs the units one after another from {@code from} to the end, or until {@code maxBatches}
     * units are done (to pace or test an interruption), handing every checkpoint to {@code saved}
     * as soon as its unit is done.
     *
     * @return the last checkpoint: finished when {@link #isFinished} says so
     */
    public Checkpoint run(Checkpoint from, Consumer<Checkpoint> saved, int maxBatches) {
        Checkpoint at = from;
        for (int batches = 0; !isFinished(at) && batches < maxBatches; batches++) {
            at = at.after(rebuild.run(steps.get(at.step()).from(at.cursor())));
            saved.accept(at);
        }
        return at;
    }

    /** True when every unit of the checkpoint's rebuild has been run. */
    public boolean isFinished(Checkpoint at) {
        return at.step() >= steps.size();
    }
}
