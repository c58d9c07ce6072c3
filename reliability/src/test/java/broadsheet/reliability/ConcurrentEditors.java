package broadsheet.reliability;

import broadsheet.core.article.Article;
import broadsheet.core.article.Status;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Editors working at once on a shared set of articles through the API: create, update, publish,
 * unpublish, move to another section, delete; every update is a read-modify-write with
 * {@code If-Match}, retried on 412. Each acknowledged update appends its own marker line to the
 * body, so afterwards the table shows whether an acknowledged update was lost (marker missing)
 * or applied twice (marker twice), and each article's version must be its creation version plus
 * the number of acknowledged updates.
 */
final class ConcurrentEditors {

    static final List<String> SECTIONS = List.of("world", "politics", "business", "science");
    private static final String MARKER = "marker-";

    /** What the editors were told the server did. */
    static final class Ledger {
        final Map<String, Long> createdVersion = new ConcurrentHashMap<>();
        final Map<String, List<String>> markers = new ConcurrentHashMap<>();
        final Set<String> deleted = ConcurrentHashMap.newKeySet();
        final AtomicInteger writes = new AtomicInteger();
        final AtomicInteger conflicts = new AtomicInteger();
        final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    }

    private final Api api;
    private final Ledger ledger = new Ledger();
    private final List<String> pool = Collections.synchronizedList(new ArrayList<>());

    ConcurrentEditors(Api api) {
        this.api = api;
    }

    /** A GET, repeated while the answer is a 5xx (a dependency is down): reads are safe to repeat. */
    private Api.Answer read(String slug) {
        Api.Answer answer = api.get(slug);
        for (int attempt = 0; answer.status() >= 500 && attempt < 100; attempt++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
            answer = api.get(slug);
        }
        return answer;
    }

    Ledger ledger() {
        return ledger;
    }

    /**
     * Runs {@code clients} editors of {@code operations} operations each; {@code between} runs on
     * the caller's thread while they work (fault injection), then the editors are awaited.
     */
    Ledger run(int clients, int operations, long seed, Consumer<ConcurrentEditors> between) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(executor.submit(() -> {
                    Random random = new Random(seed * 31 + client);
                    for (int op = 0; op < operations; op++) {
                        operate("c" + client + "-" + op, random);
                    }
                    return null;
                }));
            }
            between.accept(this);
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            executor.shutdownNow();
        }
        return ledger;
    }

    private void operate(String id, Random random) {
        int dice = random.nextInt(100);
        String slug = dice < 25 ? null : anyOf(random);
        if (slug == null) {
            create(id, random);
        } else if (dice < 55) {
            update(slug, id, a -> { });
        } else if (dice < 65) {
            update(slug, id, a -> a.put("status", "published"));
        } else if (dice < 75) {
            update(slug, id, a -> a.put("status", "draft"));
        } else if (dice < 85) {
            String section = SECTIONS.get(random.nextInt(SECTIONS.size()));
            update(slug, id, a -> a.put("section", section));
        } else {
            delete(slug);
        }
    }

    /** One slug of the pool, or null when it is empty; under the pool's lock, as other editors remove slugs. */
    private String anyOf(Random random) {
        synchronized (pool) {
            return pool.isEmpty() ? null : pool.get(random.nextInt(pool.size()));
        }
    }

    private void create(String id, Random random) {
        ObjectNode article = HostileCorpus.valid();
        String slug = "edit-" + id;
        article.put("slug", slug);
        article.put("section", SECTIONS.get(random.nextInt(SECTIONS.size())));
        article.put("headline", "Article " + id);
        article.put("body", "Created by " + id + ".");
        article.put("status", random.nextInt(4) == 0 ? "draft" : "published");
        // Spread over three archive months, all in the past.
        Instant publishAt = Instant.parse("2026-09-01T00:00:00Z").plus(Duration.ofHours(random.nextInt(24 * 85)));
        article.put("publishAt", publishAt.toString());
        Api.Answer answer = api.create(article.toString());
        for (int attempt = 0; answer.status() >= 500 && attempt < 50; attempt++) {
            // Unknown outcome: the article exists if the write got through before the failure.
            Api.Answer found = read(slug);
            answer = found.status() == 200 ? new Api.Answer(201, found.etag(), found.contentType(), found.body())
                    : api.create(article.toString());
        }
        if (answer.status() != 201) {
            ledger.unexpected.add("create " + slug + ": " + answer.status() + " " + answer.body());
            return;
        }
        ledger.writes.incrementAndGet();
        ledger.createdVersion.put(slug, answer.version());
        ledger.markers.put(slug, Collections.synchronizedList(new ArrayList<>()));
        pool.add(slug);
    }

    private void update(String slug, String id, Consumer<ObjectNode> change) {
        for (int attempt = 0; attempt < 50; attempt++) {
            Api.Answer current = read(slug);
            if (current.status() == 404) {
                return;
            }
            if (current.status() != 200) {
                ledger.unexpected.add("get " + slug + ": " + current.status() + " " + current.body());
                return;
            }
            if (current.json().get("body").asString().lines().anyMatch(l -> l.equals(MARKER + id))) {
                // An earlier attempt whose answer was a 5xx got through after all.
                ledger.writes.incrementAndGet();
                ledger.markers.get(slug).add(MARKER + id);
                return;
            }
            ObjectNode article = (ObjectNode) current.json();
            long version = article.get("version").asLong();
            article.put("body", article.get("body").asString() + "\n\n" + MARKER + id);
            change.accept(article);
            Api.Answer answer = api.put(slug, article.toString(), version);
            if (answer.status() >= 500) {
                continue;
            }
            if (answer.status() == 200) {
                ledger.writes.incrementAndGet();
                ledger.markers.get(slug).add(MARKER + id);
                return;
            }
            if (answer.status() == 404) {
                return;
            }
            if (answer.status() != 412) {
                ledger.unexpected.add("put " + slug + ": " + answer.status() + " " + answer.body());
                return;
            }
            ledger.conflicts.incrementAndGet();
        }
        ledger.unexpected.add("put " + slug + ": still conflicting after 50 attempts");
    }

    private void delete(String slug) {
        boolean tried = false;
        for (int attempt = 0; attempt < 50; attempt++) {
            Api.Answer current = read(slug);
            if (current.status() == 404) {
                if (tried) {
                    // Our delete got through although its answer was a 5xx (or someone else's did).
                    ledger.writes.incrementAndGet();
                    ledger.deleted.add(slug);
                    pool.remove(slug);
                }
                return;
            }
            Api.Answer answer = api.delete(slug, current.version());
            if (answer.status() >= 500) {
                tried = true;
                continue;
            }
            if (answer.status() == 204) {
                ledger.writes.incrementAndGet();
                ledger.deleted.add(slug);
                pool.remove(slug);
                return;
            }
            if (answer.status() == 404) {
                return;
            }
            if (answer.status() != 412) {
                ledger.unexpected.add("delete " + slug + ": " + answer.status() + " " + answer.body());
                return;
            }
            ledger.conflicts.incrementAndGet();
        }
        ledger.unexpected.add("delete " + slug + ": still conflicting after 50 attempts");
    }

    /**
     * Compares the table with the ledger: every acknowledged article present (or absent when its
     * delete was acknowledged), each acknowledged update's marker exactly once, no marker of an
     * unacknowledged update, version = created + updates. Returns one line per lost or doubled write.
     */
    static List<String> lostWrites(Ledger ledger, List<Article> table) {
        Map<String, Article> bySlug = new HashMap<>();
        table.forEach(a -> bySlug.put(a.slug(), a));
        List<String> lost = new ArrayList<>();
        for (var entry : ledger.createdVersion.entrySet()) {
            String slug = entry.getKey();
            Article stored = bySlug.get(slug);
            if (ledger.deleted.contains(slug)) {
                if (stored != null) {
                    lost.add(slug + ": deleted, but still in the table");
                }
                continue;
            }
            if (stored == null) {
                lost.add(slug + ": created, but missing from the table");
                continue;
            }
            List<String> acknowledged = ledger.markers.get(slug);
            List<String> found = stored.body().lines().filter(l -> l.startsWith(MARKER)).toList();
            if (!found.stream().sorted().toList().equals(acknowledged.stream().sorted().toList())) {
                lost.add(slug + ": updates acknowledged " + acknowledged + " but the table has " + found);
            }
            if (stored.version() != entry.getValue() + acknowledged.size()) {
                lost.add(slug + ": version " + stored.version() + " after " + acknowledged.size()
                        + " acknowledged updates of version " + entry.getValue());
            }
        }
        return lost;
    }

    /** How many of the table's articles are live: checks that the run published something. */
    static long published(List<Article> table) {
        return table.stream().filter(a -> a.status() == Status.PUBLISHED).count();
    }
}
