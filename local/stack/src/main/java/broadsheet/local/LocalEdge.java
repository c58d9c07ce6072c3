package broadsheet.local;

import broadsheet.core.publish.EdgeCache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CDN's cache, modelled in process for the local site server: what CloudFront with the
 * site's cache policy (CachingOptimized) does with the bucket's answers, so that freshness
 * promises can be tested on one machine.
 *
 * <ul>
 *   <li>Answers are cached per bucket key (the URI after the pretty-URL function, as CloudFront's
 *       cache key is), for the response's {@code max-age} (at least 1 s, as the policy's minimum
 *       TTL; 24 h without one, its default TTL).</li>
 *   <li>For {@code stale-while-revalidate} seconds after that the stale answer is still served once
 *       more while the cache refetches it (CloudFront does so in the background).</li>
 *   <li>A 404 is cached for {@link #NOT_FOUND_TTL}, the distribution's error-caching TTL.</li>
 *   <li>{@link #invalidate} drops the paths; CloudFront takes a while to complete an invalidation,
 *       which {@code invalidationDelay} models (zero by default: locally it is immediate).</li>
 * </ul>
 * The clock is injectable so tests can move time on instead of waiting.
 */
public final class LocalEdge implements EdgeCache {

    /** How long the distribution caches a 404 ({@code SiteDistribution}'s error response TTL). */
    public static final Duration NOT_FOUND_TTL = Duration.ofMinutes(1);

    /** CachingOptimized's minimum and default TTLs. */
    static final Duration MIN_TTL = Duration.ofSeconds(1);
    static final Duration DEFAULT_TTL = Duration.ofDays(1);

    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])(?:s-maxage|max-age)=(\\d+)");
    private static final Pattern SWR = Pattern.compile("(?:^|[,\\s])stale-while-revalidate=(\\d+)");

    /** An answer as the edge keeps it. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        Answer {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    /** What a lookup gives: the answer and whether it came from the cache. */
    record Served(Answer answer, boolean hit, long ageSeconds) {
    }

    private record Entry(Answer answer, Instant stored, Instant expires, Instant staleUntil) {
    }

    private record Pending(Instant effective, List<String> keys) {
    }

    private final Clock clock;
    private final Duration invalidationDelay;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private final List<List<String>> invalidations = new ArrayList<>();

    public LocalEdge(Clock clock) {
        this(clock, Duration.ZERO);
    }

    /** @param invalidationDelay how long after {@link #invalidate} the paths are dropped */
    public LocalEdge(Clock clock, Duration invalidationDelay) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.invalidationDelay = Objects.requireNonNull(invalidationDelay, "invalidationDelay");
    }

    /** The cached answer for the key while it is usable, else the origin's, which is then cached. */
    Served serve(String key, Supplier<Answer> origin) {
        Instant now = clock.instant();
        applyDue(now);
        Entry entry = entries.get(key);
        if (entry != null && now.isBefore(entry.expires())) {
            return new Served(entry.answer(), true, Duration.between(entry.stored(), now).toSeconds());
        }
        if (entry != null && now.isBefore(entry.staleUntil())) {
            entries.put(key, store(origin.get(), now));
            return new Served(entry.answer(), true, Duration.between(entry.stored(), now).toSeconds());
        }
        Answer fresh = origin.get();
        entries.put(key, store(fresh, now));
        return new Served(fresh, false, 0);
    }

    @Override
    public synchronized void invalidate(String reference, Collection<String> paths) {
        List<String> keys = paths.stream().map(path -> path.startsWith("/") ? path.substring(1) : path).toList();
        invalidations.add(List.copyOf(paths));
        pending.add(new Pending(clock.instant().plus(invalidationDelay), keys));
        applyDue(clock.instant());
    }

    /** The paths of every invalidation received, in order. */
    public synchronized List<List<String>> invalidations() {
        return List.copyOf(invalidations);
    }

    private synchronized void applyDue(Instant now) {
        pending.removeIf(p -> {
            if (p.effective().isAfter(now)) {
                return false;
            }
            p.keys().forEach(key -> {
                if (key.endsWith("*")) {
                    String prefix = key.substring(0, key.length() - 1);
                    entries.keySet().removeIf(k -> k.startsWith(prefix));
                } else {
                    entries.remove(key);
                }
            });
            return true;
        });
    }

    private static Entry store(Answer answer, Instant now) {
        Duration ttl;
        Duration stale = Duration.ZERO;
        if (answer.status() >= 400) {
            ttl = NOT_FOUND_TTL;
        } else {
            String cacheControl = answer.header("Cache-Control").orElse("").toLowerCase(Locale.ROOT);
            ttl = seconds(MAX_AGE, cacheControl).map(t -> t.compareTo(MIN_TTL) < 0 ? MIN_TTL : t).orElse(DEFAULT_TTL);
            stale = seconds(SWR, cacheControl).orElse(Duration.ZERO);
        }
        Instant expires = now.plus(ttl);
        return new Entry(answer, now, expires, expires.plus(stale));
    }

    private static Optional<Duration> seconds(Pattern directive, String cacheControl) {
        Matcher m = directive.matcher(cacheControl);
        return m.find() ? Optional.of(Duration.ofSeconds(Long.parseLong(m.group(1)))) : Optional.empty();
    }
}
