package broadsheet.aws;

import broadsheet.core.listing.Listing;
import broadsheet.core.listing.ListingCodec;
import broadsheet.core.listing.ListingEntry;
import broadsheet.core.listing.ListingId;
import broadsheet.core.listing.ListingScan;
import broadsheet.core.listing.ListingStore;
import broadsheet.core.listing.Listings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link ListingStore} on the single table: item {@code pk = listing#<id>}, {@code sk = listing},
 * {@code version} (N) and {@code doc} (the {@link ListingCodec} JSON). The entry items of a month
 * listing share its partition: {@code sk = entry#<publishAt>#<slug>} ({@link Listings#entryKey}),
 * {@code doc} the entry's JSON; a day or the newest entries are a strongly consistent Query of the
 * partition (on the base table, so no index is needed and no table change). Reads are strongly
 * consistent; a write is a PutItem conditional on the version it read. {@link #scan} is a
 * parallel Scan of the table (segment of total segments) filtered to listing items, strongly
 * consistent.
 */
public final class DynamoListingStore implements ListingStore, ListingScan {

    public static final String PK_PREFIX = "listing#";
    public static final String SK_VALUE = "listing";
    /** Sort key prefix of entry items, in the partition of their month listing. */
    public static final String ENTRY_PREFIX = "entry#";
    static final String VERSION = "version";
    static final String DOC = "doc";

    private static final int BATCH_SIZE = 100;
    private static final int MAX_UNPROCESSED_ROUNDS = 10;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ListingCodec codec = new ListingCodec();
    private final Cursors cursors = new Cursors();

    public DynamoListingStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.table = Objects.requireNonNull(table, "table");
    }

    public static Map<String, AttributeValue> key(ListingId id) {
        return Map.of(TableDefinition.PK, AttributeValue.fromS(PK_PREFIX + id.value()),
                TableDefinition.SK, AttributeValue.fromS(SK_VALUE));
    }

    @Override
    public Optional<Versioned<Listing>> get(ListingId id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(id))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(versioned(item));
    }

    @Override
    public Map<ListingId, Versioned<Listing>> getAll(Collection<ListingId> ids) {
        Map<ListingId, Versioned<Listing>> found = new HashMap<>();
        batchGet(new LinkedHashSet<>(ids).stream().map(DynamoListingStore::key).toList(), item -> {
            String pk = item.get(TableDefinition.PK).s();
            found.put(new ListingId(pk.substring(PK_PREFIX.length())), versioned(item));
        });
        return found;
    }

    /** BatchGetItem of the entry items at these keys, each in the month partition of its publish time. */
    @Override
    public Map<String, ListingEntry> entriesAt(ListingId.Collection collection, Collection<String> keys) {
        Map<String, ListingEntry> found = new HashMap<>();
        batchGet(new LinkedHashSet<>(keys).stream().map(key -> Map.of(
                TableDefinition.PK, AttributeValue.fromS(PK_PREFIX + collection.month(Listings.monthOfKey(key)).value()),
                TableDefinition.SK, AttributeValue.fromS(ENTRY_PREFIX + key))).toList(), item ->
                found.put(item.get(TableDefinition.SK).s().substring(ENTRY_PREFIX.length()),
                        codec.decodeEntry(item.get(DOC).s())));
        return found;
    }

    /**
     * Strongly consistent BatchGetItem of distinct keys, {@value #BATCH_SIZE} a request, each
     * request's unprocessed keys asked again after a backoff; every item read goes to {@code found}.
     */
    private void batchGet(List<Map<String, AttributeValue>> keys, Consumer<Map<String, AttributeValue>> found) {
        for (int from = 0; from < keys.size(); from += BATCH_SIZE) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(from + BATCH_SIZE, keys.size()))).consistentRead(true).build());
            for (int round = 0; !request.isEmpty(); round++) {
                if (round == MAX_UNPROCESSED_ROUNDS) {
                    throw new IllegalStateException("items still unprocessed after " + round + " rounds");
                }
                if (round > 0) {
                    backOff(round);
                }
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(pending));
                response.responses().getOrDefault(table, List.of()).forEach(found);
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
    }

    /** The key of an entry item: the month's partition, {@code sk = entry#<publishAt>#<slug>}. */
    public static Map<String, AttributeValue> entryKey(ListingId month, Instant publishAt, String slug) {
        return Map.of(TableDefinition.PK, AttributeValue.fromS(PK_PREFIX + month.value()),
                TableDefinition.SK, AttributeValue.fromS(ENTRY_PREFIX + Listings.entryKey(publishAt, slug)));
    }

    @Override
    public void putEntry(ListingId month, ListingEntry entry) {
        Map<String, AttributeValue> item = entryItem(month, entry);
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public boolean putEntryIfAbsent(ListingId month, ListingEntry entry) {
        Map<String, AttributeValue> item = entryItem(month, entry);
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", TableDefinition.PK)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The entry item of {@code entry} in a month listing: its key and the entry's text form. */
    private Map<String, AttributeValue> entryItem(ListingId month, ListingEntry entry) {
        requireMonth(month);
        Map<String, AttributeValue> item = new HashMap<>(entryKey(month, entry.publishAt(), entry.slug()));
        item.put(DOC, AttributeValue.fromS(codec.encodeEntry(entry)));
        return item;
    }

    @Override
    public void removeEntry(ListingId month, Instant publishAt, String slug) {
        requireMonth(month);
        dynamoDb.deleteItem(b -> b.tableName(table).key(entryKey(month, publishAt, slug)));
    }

    @Override
    public Optional<ListingEntry> entry(ListingId month, Instant publishAt, String slug) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
                .key(entryKey(month, publishAt, slug)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(codec.decodeEntry(item.get(DOC).s()));
    }

    /** A strongly consistent Query of the month's partition between two entry keys, paged until done. */
    @Override
    public List<ListingEntry> entries(ListingId month, Instant from, Instant until) {
        if (!from.isBefore(until)) {
            return List.of();
        }
        List<ListingEntry> entries = new ArrayList<>();
        Map<String, AttributeValue> values = Map.of(
                ":pk", AttributeValue.fromS(PK_PREFIX + month.value()),
                ":from", AttributeValue.fromS(ENTRY_PREFIX + Listings.entryKey(from, "")),
                ":until", AttributeValue.fromS(ENTRY_PREFIX + Listings.entryKey(until, "")));
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> after = start;
            QueryResponse response = dynamoDb.query(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :until")
                    .expressionAttributeNames(Map.of("#pk", TableDefinition.PK, "#sk", TableDefinition.SK))
                    .expressionAttributeValues(values).exclusiveStartKey(after));
            response.items().forEach(item -> entries.add(codec.decodeEntry(item.get(DOC).s())));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return entries;
    }

    /** A strongly consistent Query of the month's entry items backwards, {@code Limit} = {@code limit}. */
    @Override
    public List<ListingEntry> newest(ListingId month, int limit) {
        return newestFrom(month, limit, ENTRY_PREFIX);
    }

    /** A strongly consistent Query of the month's entry items after {@code after}, backwards, {@code Limit} = {@code limit}. */
    @Override
    public List<ListingEntry> newest(ListingId month, int limit, Instant after) {
        return newestFrom(month, limit, ENTRY_PREFIX + Listings.entryKey(after.plusNanos(1), ""));
    }

    /**
     * The newest {@code limit} entry items whose sort key is {@code from} or after, paged: entry
     * keys (a time and a slug) sort below {@code entry#~}, and the head's {@code listing} above it.
     */
    private List<ListingEntry> newestFrom(ListingId month, int limit, String from) {
        List<ListingEntry> entries = new ArrayList<>();
        Map<String, AttributeValue> values = Map.of(
                ":pk", AttributeValue.fromS(PK_PREFIX + month.value()),
                ":from", AttributeValue.fromS(from),
                ":end", AttributeValue.fromS(ENTRY_PREFIX + "~"));
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> resume = start;
            int remaining = limit - entries.size();
            QueryResponse response = dynamoDb.query(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :end")
                    .expressionAttributeNames(Map.of("#pk", TableDefinition.PK, "#sk", TableDefinition.SK))
                    .expressionAttributeValues(values)
                    .scanIndexForward(false).limit(remaining).exclusiveStartKey(resume));
            response.items().forEach(item -> entries.add(codec.decodeEntry(item.get(DOC).s())));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null && entries.size() < limit);
        return entries;
    }

    private static void requireMonth(ListingId month) {
        if (!month.kind().isMonth()) {
            throw new IllegalArgumentException("entries belong to month listings: " + month);
        }
    }

    @Override
    public boolean put(ListingId id, Listing listing, long expectedVersion) {
        Map<String, AttributeValue> item = new HashMap<>(key(id));
        item.put(VERSION, AttributeValue.fromN(Long.toString(expectedVersion + 1)));
        item.put(DOC, AttributeValue.fromS(codec.encode(listing)));
        try {
            if (expectedVersion == 0) {
                dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            } else {
                dynamoDb.putItem(b -> b.tableName(table).item(item)
                        .conditionExpression("#version = :expected")
                        .expressionAttributeNames(Map.of("#version", VERSION))
                        .expressionAttributeValues(Map.of(":expected",
                                AttributeValue.fromN(Long.toString(expectedVersion)))));
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Scans the segment a table page at a time (the filter drops article items after they are
     * read, so a page may hold no listing) until {@code limit} listings are read or the segment
     * ends. When more were read, the page ends at the last listing kept and the cursor is its key:
     * a scan may start after any key of its segment.
     */
    @Override
    public ScanPage scan(int segment, int segments, Optional<String> cursor, int limit) {
        ListingScan.checkSegment(segment, segments, limit);
        Map<String, AttributeValue> start = cursor.map(cursors::decode).orElse(null);
        Map<ListingId, Versioned<Listing>> page = new LinkedHashMap<>();
        Map<String, AttributeValue> next;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse response = dynamoDb.scan(b -> b.tableName(table).segment(segment).totalSegments(segments)
                    .consistentRead(true).exclusiveStartKey(from)
                    .filterExpression("begins_with(#pk, :listing) AND #sk = :sk")
                    .expressionAttributeNames(Map.of("#pk", TableDefinition.PK, "#sk", TableDefinition.SK))
                    .expressionAttributeValues(Map.of(":listing", AttributeValue.fromS(PK_PREFIX),
                            ":sk", AttributeValue.fromS(SK_VALUE))));
            next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
            for (Map<String, AttributeValue> item : response.items()) {
                if (page.size() == limit) {
                    next = lastKept(page);
                    break;
                }
                String pk = item.get(TableDefinition.PK).s();
                page.put(new ListingId(pk.substring(PK_PREFIX.length())), versioned(item));
            }
            start = next;
        } while (start != null && page.size() < limit);
        return new ScanPage(page, cursors.encode(next));
    }

    private static Map<String, AttributeValue> lastKept(Map<ListingId, Versioned<Listing>> page) {
        ListingId last = null;
        for (ListingId id : page.keySet()) {
            last = id;
        }
        return key(last);
    }

    private Versioned<Listing> versioned(Map<String, AttributeValue> item) {
        return new Versioned<>(codec.decode(item.get(DOC).s()), Long.parseLong(item.get(VERSION).n()));
    }

    private static void backOff(int round) {
        try {
            Thread.sleep(Math.min(1000L, 20L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading listings", e);
        }
    }
}
