package broadsheet.local;

import broadsheet.lambda.stream.StreamEvent;
import broadsheet.lambda.stream.StreamEventJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The local on-failure destination of the change feed: one JSON line per stream record that
 * exhausted its retries, holding the record as a one-record DynamoDB stream event in the real
 * Lambda JSON shape, so that a replay hands the publisher exactly what it would have had.
 */
public final class DeadLetters {

    /** The reason of records that a stop of the feed left undelivered (they had not exhausted their attempts). */
    public static final String STOPPED = "change feed stopped";

    /** One dead-lettered record with when and why it was given up. */
    public record DeadLetter(Instant failedAt, int attempts, String reason, StreamEvent.Record record) {

        /** True when a stop, not the publisher, left this record undelivered. */
        public boolean stopped() {
            return reason.startsWith(STOPPED);
        }
    }

    /** What a replay did: records published, and records that failed again and stay in the file. */
    public record Replay(int published, int remaining) {
    }

    private final Path file;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    public DeadLetters(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    public synchronized void append(StreamEvent.Record record, int attempts, String reason) {
        String line = toLine(new DeadLetter(clock.instant(), attempts, reason, record));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public synchronized List<DeadLetter> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<DeadLetter> letters = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    letters.add(fromLine(line));
                }
            }
            return letters;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Offers every dead letter, oldest first, to {@code publish}; those it accepts (returns true)
     * are removed from the file, the others stay for the next replay.
     */
    public synchronized Replay replay(Predicate<StreamEvent.Record> publish) {
        List<DeadLetter> remaining = new ArrayList<>();
        int published = 0;
        for (DeadLetter letter : read()) {
            if (publish.test(letter.record())) {
                published++;
            } else {
                remaining.add(letter);
            }
        }
        rewrite(remaining);
        return new Replay(published, remaining.size());
    }

    /** Removes the dead letters that match from the file and returns them, oldest first. */
    public synchronized List<DeadLetter> take(Predicate<DeadLetter> which) {
        List<DeadLetter> taken = new ArrayList<>();
        List<DeadLetter> kept = new ArrayList<>();
        for (DeadLetter letter : read()) {
            (which.test(letter) ? taken : kept).add(letter);
        }
        if (!taken.isEmpty()) {
            rewrite(kept);
        }
        return taken;
    }

    private void rewrite(List<DeadLetter> letters) {
        try {
            if (letters.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            StringBuilder text = new StringBuilder();
            letters.forEach(l -> text.append(toLine(l)).append('\n'));
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file, e);
        }
    }

    String toLine(DeadLetter letter) {
        ObjectNode node = json.createObjectNode();
        node.put("failedAt", letter.failedAt().toString());
        node.put("attempts", letter.attempts());
        node.put("reason", letter.reason());
        node.set("event", StreamEventJson.tree(new StreamEvent(List.of(letter.record()))));
        return json.writeValueAsString(node);
    }

    DeadLetter fromLine(String line) {
        JsonNode node = json.readTree(line);
        StreamEvent event = StreamEventJson.event(node.get("event"));
        return new DeadLetter(
                Instant.parse(node.get("failedAt").asString()),
                node.get("attempts").asInt(),
                node.get("reason").asString(),
                event.records().get(0));
    }
}
