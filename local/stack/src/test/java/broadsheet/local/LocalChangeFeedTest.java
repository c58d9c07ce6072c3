package broadsheet.local;

import broadsheet.lambda.stream.StreamBatchResponse;
import broadsheet.lambda.stream.StreamEvent;
import broadsheet.lambda.stream.StreamRecords;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class LocalChangeFeedTest {

    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(4));

    @TempDir
    Path dir;

    private LocalChangeFeed feed;

    @AfterEach
    void close() {
        if (feed != null) {
            feed.close(Duration.ofSeconds(5));
        }
    }

    private static Map<String, AttributeValue> article(String slug, long version) {
        return Map.of("pk", AttributeValue.fromS("article#" + slug), "sk", AttributeValue.fromS("article"),
                "version", AttributeValue.fromN(Long.toString(version)));
    }

    private static String slugAndVersion(StreamEvent.Record r) {
        return r.keys().get("pk").s().substring("article#".length()) + "@" + r.newImage().get("version").n();
    }

    private static StreamRecords records() {
        return new StreamRecords(StreamRecords.localStreamArn("us-east-1", "t"), 1);
    }

    private LocalChangeFeed feed(RequestStreamHandler publisher, int lanes, int batch) {
        feed = new LocalChangeFeed(publisher, records(), FAST,
                new DeadLetters(dir.resolve("dead-letters.jsonl"), Clock.systemUTC()), lanes, batch);
        return feed;
    }

    @Test
    void deliversEveryWriteInOrderPerArticle() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        feed(recording(delivered, Set.of()), 4, 10);

        for (int v = 1; v <= 30; v++) {
            for (String slug : List.of("a", "b", "c")) {
                feed.submit(v == 1 ? null : article(slug, v - 1), article(slug, v));
            }
        }
        assertThat(feed.awaitSettled(Duration.ofSeconds(30))).isTrue();

        for (String slug : List.of("a", "b", "c")) {
            List<String> forSlug = delivered.stream().filter(s -> s.startsWith(slug + "@")).toList();
            List<String> expected = new ArrayList<>();
            for (int v = 1; v <= 30; v++) {
                expected.add(slug + "@" + v);
            }
            assertThat(forSlug).containsExactlyElementsOf(expected);
        }
        assertThat(Files.exists(dir.resolve("dead-letters.jsonl"))).isFalse();
    }

    @Test
    void retriesFromTheFirstFailedRecordOfAPartialBatchResponse() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        Set<String> failOnce = new HashSet<>(Set.of("a@3"));
        AtomicBoolean hold = new AtomicBoolean(true);
        feed(PublisherFunctions.of(event -> {
            while (hold.get()) {
                Thread.onSpinWait();
            }
            List<String> names = event.records().stream().map(LocalChangeFeedTest::slugAndVersion).toList();
            batches.add(names);
            List<String> failures = new ArrayList<>();
            for (StreamEvent.Record r : event.records()) {
                String name = slugAndVersion(r);
                if (failOnce.remove(name)) {
                    failures.add(r.sequenceNumber());
                    break;
                }
                delivered.add(name);
            }
            return new StreamBatchResponse(failures);
        }), 1, 10);

        for (int v = 1; v <= 5; v++) {
            feed.submit(v == 1 ? null : article("a", v - 1), article("a", v));
        }
        hold.set(false);
        assertThat(feed.awaitSettled(Duration.ofSeconds(30))).isTrue();

        assertThat(delivered).containsExactly("a@1", "a@2", "a@3", "a@4", "a@5");
        int failedBatch = 0;
        while (!batches.get(failedBatch).contains("a@3")) {
            failedBatch++;
        }
        assertThat(batches.get(failedBatch + 1)).first().isEqualTo("a@3");
    }

    @Test
    void deadLettersARecordThatFailsEveryAttemptAndReplayPublishesIt() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        AtomicBoolean broken = new AtomicBoolean(true);
        List<Integer> attemptsOnB = new CopyOnWriteArrayList<>();
        feed(PublisherFunctions.of(event -> {
            for (StreamEvent.Record r : event.records()) {
                String name = slugAndVersion(r);
                if (name.startsWith("b@") && broken.get()) {
                    attemptsOnB.add(1);
                    throw new IllegalStateException("bucket unavailable");
                }
                delivered.add(name);
            }
            return new StreamBatchResponse(List.of());
        }), 2, 1);

        feed.submit(null, article("b", 1));
        feed.submit(null, article("a", 1));
        assertThat(feed.awaitSettled(Duration.ofSeconds(30))).isTrue();

        assertThat(attemptsOnB).hasSize(FAST.maxAttempts());
        assertThat(delivered).containsExactly("a@1");
        DeadLetters deadLetters = new DeadLetters(dir.resolve("dead-letters.jsonl"), Clock.systemUTC());
        List<DeadLetters.DeadLetter> letters = deadLetters.read();
        assertThat(letters).hasSize(1);
        assertThat(slugAndVersion(letters.get(0).record())).isEqualTo("b@1");
        assertThat(letters.get(0).record().eventName()).isEqualTo("INSERT");
        assertThat(letters.get(0).attempts()).isEqualTo(FAST.maxAttempts());

        broken.set(false);
        DeadLetters.Replay replay = deadLetters.replay(feed::publishNow);

        assertThat(replay).isEqualTo(new DeadLetters.Replay(1, 0));
        assertThat(delivered).containsExactly("a@1", "b@1");
        assertThat(deadLetters.read()).isEmpty();
    }

    @Test
    void keepsDeadLettersThatFailAgainOnReplay() throws Exception {
        feed(PublisherFunctions.of(event -> {
            throw new IllegalStateException("still down");
        }), 1, 1);
        feed.submit(null, article("c", 1));
        assertThat(feed.awaitSettled(Duration.ofSeconds(30))).isTrue();
        DeadLetters deadLetters = new DeadLetters(dir.resolve("dead-letters.jsonl"), Clock.systemUTC());

        assertThat(deadLetters.replay(feed::publishNow)).isEqualTo(new DeadLetters.Replay(0, 1));
        assertThat(deadLetters.read()).hasSize(1);
    }

    @Test
    void keepsWhatAStopLeftUndeliveredAndDeliversItWhenResumed() throws Exception {
        AtomicBoolean hold = new AtomicBoolean(true);
        List<String> delivered = new CopyOnWriteArrayList<>();
        LocalChangeFeed stopping = new LocalChangeFeed(PublisherFunctions.of(event -> {
            while (hold.get()) {
                Thread.onSpinWait();
            }
            throw new IllegalStateException("the table went away");
        }), records(), new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(1)),
                new DeadLetters(dir.resolve("dead-letters.jsonl"), Clock.systemUTC()), 1, 1);
        stopping.submit(null, article("a", 1));
        stopping.submit(null, article("b", 1));
        hold.set(false);
        stopping.close(Duration.ofMillis(50));
        DeadLetters deadLetters = new DeadLetters(dir.resolve("dead-letters.jsonl"), Clock.systemUTC());
        deadLetters.append(records().record(null, article("c", 1)),
                3, "publisher failed 3 times");
        assertThat(deadLetters.read()).extracting(DeadLetters.DeadLetter::stopped).containsExactlyInAnyOrder(true, true, false);

        feed(recording(delivered, Set.of()), 1, 10);
        assertThat(feed.resume()).isEqualTo(2);
        assertThat(feed.awaitSettled(Duration.ofSeconds(30))).isTrue();

        assertThat(delivered).containsExactly("a@1", "b@1");
        assertThat(deadLetters.read()).extracting(l -> slugAndVersion(l.record())).containsExactly("c@1");
    }

    private static RequestStreamHandler recording(List<String> delivered, Set<String> failing) {
        return PublisherFunctions.of(event -> {
            event.records().forEach(r -> delivered.add(slugAndVersion(r)));
            return new StreamBatchResponse(List.of());
        });
    }
}
