package broadsheet.bench;

import broadsheet.aws.TableDefinition;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a DynamoDB client writes, by item kind (the partition key up to its first {@code #}:
 * {@code listing}, {@code article}, ...), measured two ways:
 *
 * <ul>
 *   <li><b>write units</b> as the server reports them: every write request is sent with
 *   {@code ReturnConsumedCapacity=TOTAL}, and dynalite answers with the units AWS bills for the
 *   base table (one per started KB of the larger of the item before and after the write,
 *   <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html">AWS:
 *   DynamoDB read and write operations</a>); it does not count the writes to global secondary
 *   indexes, which AWS bills as well, nor the unit AWS bills for a write refused by its condition;</li>
 *   <li><b>item bytes</b> sent: the size of every item in PutItem and BatchWriteItem puts and of
 *   the key and expression values of UpdateItem and DeleteItem, by AWS's rules (attribute name
 *   plus value, UTF-8; numbers about one byte per two digits,
 *   <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html">AWS:
 *   DynamoDB item sizes and formats</a>).</li>
 * </ul>
 *
 * <p>Writes refused by their condition ({@code ConditionalCheckFailedException}) are counted by
 * item kind: for listing items they are the optimistic-concurrency retries of the publishers.
 * Counting needs no change to the stores: this is an SDK interceptor on the client they use.
 */
final class WriteMeter implements ExecutionInterceptor {

    /** Totals since the meter was made; subtract two snapshots for an interval. */
    record Snapshot(Map<String, Long> itemsWritten, Map<String, Long> bytesWritten, double writeUnits,
                    Map<String, Long> conditionFailures, long writeRequests) {

        Snapshot since(Snapshot before) {
            return new Snapshot(minus(itemsWritten, before.itemsWritten), minus(bytesWritten, before.bytesWritten),
                    writeUnits - before.writeUnits, minus(conditionFailures, before.conditionFailures),
                    writeRequests - before.writeRequests);
        }

        long items() {
            return sum(itemsWritten);
        }

        long bytes() {
            return sum(bytesWritten);
        }

        long failures(String kind) {
            return conditionFailures.getOrDefault(kind, 0L);
        }

        long failures() {
            return sum(conditionFailures);
        }

        private static long sum(Map<String, Long> m) {
            return m.values().stream().mapToLong(Long::longValue).sum();
        }

        private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
            Map<String, Long> d = new TreeMap<>();
            after.forEach((k, v) -> {
                long x = v - before.getOrDefault(k, 0L);
                if (x != 0) {
                    d.put(k, x);
                }
            });
            return d;
        }
    }

    private final ConcurrentHashMap<String, LongAdder> items = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> bytes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    /** Write units in thousandths (dynalite reports whole units, AWS halves for some reads). */
    private final LongAdder milliUnits = new LongAdder();

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest r = context.request();
        if (r instanceof PutItemRequest p && p.returnConsumedCapacity() == null) {
            return p.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (r instanceof UpdateItemRequest u && u.returnConsumedCapacity() == null) {
            return u.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (r instanceof DeleteItemRequest d && d.returnConsumedCapacity() == null) {
            return d.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (r instanceof BatchWriteItemRequest b && b.returnConsumedCapacity() == null) {
            return b.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (r instanceof TransactWriteItemsRequest t && t.returnConsumedCapacity() == null) {
            return t.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        return r;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkRequest r = context.request();
        SdkResponse response = context.response();
        if (r instanceof PutItemRequest || r instanceof UpdateItemRequest || r instanceof DeleteItemRequest
                || r instanceof BatchWriteItemRequest || r instanceof TransactWriteItemsRequest) {
            requests.increment();
        }
        if (r instanceof PutItemRequest p) {
            wrote(p.item(), p.item());
            units(((PutItemResponse) response).consumedCapacity());
        } else if (r instanceof UpdateItemRequest u) {
            wrote(u.key(), u.key(), u.expressionAttributeValues());
            units(((UpdateItemResponse) response).consumedCapacity());
        } else if (r instanceof DeleteItemRequest d) {
            wrote(d.key(), d.key());
            units(((DeleteItemResponse) response).consumedCapacity());
        } else if (r instanceof BatchWriteItemRequest b) {
            BatchWriteItemResponse br = (BatchWriteItemResponse) response;
            for (List<WriteRequest> writes : b.requestItems().values()) {
                for (WriteRequest w : writes) {
                    if (w.putRequest() != null) {
                        wrote(w.putRequest().item(), w.putRequest().item());
                    } else if (w.deleteRequest() != null) {
                        wrote(w.deleteRequest().key(), w.deleteRequest().key());
                    }
                }
            }
            // unprocessed items were counted above but not written: they come back in the next request
            if (br.hasUnprocessedItems()) {
                for (List<WriteRequest> writes : br.unprocessedItems().values()) {
                    for (WriteRequest w : writes) {
                        Map<String, AttributeValue> item = w.putRequest() != null ? w.putRequest().item()
                                : w.deleteRequest().key();
                        add(items, kind(item), -1);
                        add(bytes, kind(item), -itemSize(item));
                    }
                }
            }
            if (br.hasConsumedCapacity()) {
                br.consumedCapacity().forEach(this::units);
            }
        } else if (r instanceof TransactWriteItemsRequest t) {
            t.transactItems().forEach(i -> {
                if (i.put() != null) {
                    wrote(i.put().item(), i.put().item());
                } else if (i.update() != null) {
                    wrote(i.update().key(), i.update().key(), i.update().expressionAttributeValues());
                } else if (i.delete() != null) {
                    wrote(i.delete().key(), i.delete().key());
                }
            });
            TransactWriteItemsResponse tr = (TransactWriteItemsResponse) response;
            if (tr.hasConsumedCapacity()) {
                tr.consumedCapacity().forEach(this::units);
            }
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable e = context.exception();
        while (e != null && !(e instanceof ConditionalCheckFailedException)) {
            e = e.getCause();
        }
        if (e == null) {
            return;
        }
        SdkRequest r = context.request();
        Map<String, AttributeValue> key = r instanceof PutItemRequest p ? p.item()
                : r instanceof UpdateItemRequest u ? u.key()
                : r instanceof DeleteItemRequest d ? d.key() : Map.of();
        add(failures, kind(key), 1);
    }

    Snapshot snapshot() {
        return new Snapshot(copy(items), copy(bytes), milliUnits.sum() / 1000.0, copy(failures), requests.sum());
    }

    @SafeVarargs
    private void wrote(Map<String, AttributeValue> key, Map<String, AttributeValue>... parts) {
        String kind = kind(key);
        long size = 0;
        for (Map<String, AttributeValue> part : parts) {
            size += itemSize(part);
        }
        add(items, kind, 1);
        add(bytes, kind, size);
    }

    private void units(ConsumedCapacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            milliUnits.add(Math.round(capacity.capacityUnits() * 1000));
        }
    }

    /** The item kind: the partition key up to its first {@code #} ({@code listing#world/2026-12} is {@code listing}). */
    static String kind(Map<String, AttributeValue> key) {
        AttributeValue pk = key == null ? null : key.get(TableDefinition.PK);
        if (pk == null || pk.s() == null) {
            return "?";
        }
        int hash = pk.s().indexOf('#');
        return hash < 0 ? pk.s() : pk.s().substring(0, hash);
    }

    /** The size of an item (or of a set of attribute values) by AWS's rules. */
    static long itemSize(Map<String, AttributeValue> item) {
        if (item == null) {
            return 0;
        }
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += utf8(e.getKey()) + valueSize(e.getValue());
        }
        return size;
    }

    static long valueSize(AttributeValue v) {
        if (v.s() != null) {
            return utf8(v.s());
        }
        if (v.n() != null) {
            return numberSize(v.n());
        }
        if (v.b() != null) {
            return v.b().asByteArrayUnsafe().length;
        }
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
            return 1;
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToLong(WriteMeter::utf8).sum();
        }
        if (v.hasNs()) {
            return v.ns().stream().mapToLong(WriteMeter::numberSize).sum();
        }
        if (v.hasBs()) {
            return v.bs().stream().mapToLong(b -> b.asByteArrayUnsafe().length).sum();
        }
        if (v.hasL()) {
            return 3 + v.l().stream().mapToLong(x -> 1 + valueSize(x)).sum();
        }
        if (v.hasM()) {
            return 3 + v.m().entrySet().stream().mapToLong(x -> 1 + utf8(x.getKey()) + valueSize(x.getValue())).sum();
        }
        return 0;
    }

    /** About one byte per two significant digits, plus one. */
    private static long numberSize(String n) {
        String digits = n.replaceAll("[^0-9]", "").replaceAll("^0+", "");
        return 1 + (digits.length() + 1) / 2;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void add(ConcurrentHashMap<String, LongAdder> map, String kind, long n) {
        map.computeIfAbsent(kind, k -> new LongAdder()).add(n);
    }

    private static Map<String, Long> copy(ConcurrentHashMap<String, LongAdder> map) {
        Map<String, Long> c = new TreeMap<>();
        map.forEach((k, v) -> c.put(k, v.sum()));
        return c;
    }
}
