package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.DropSummary;
import dev.microdrop.core.drop.StockLevel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Reads a drop and all its SKU counters with one Query on the drop's partition. A sharded SKU's counters are read
 * from its stock shards (one BatchGetItem for all the drop's shards), unless the reader is {@link #summaries
 * summarised}: it then takes them from the summary on the SKU item, which lags the shards by the outbox relay's
 * delay, and reads the shards only for a SKU without a complete summary.
 */
public final class DynamoDbDropReader implements DropReader {

    /** DynamoDB's most keys in one BatchGetItem. */
    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final boolean summaries;

    /** A reader of every sharded SKU's shards: what decides a sale (checkout, waves, the merchant's views). */
    public DynamoDbDropReader(DynamoDbClient dynamoDb, String table, Clock clock) {
        this(dynamoDb, table, clock, false);
    }

    private DynamoDbDropReader(DynamoDbClient dynamoDb, String table, Clock clock, boolean summaries) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.summaries = summaries;
    }

    /**
     * A reader for display (the catalog): one Query per drop whatever its shards, sharded SKUs' counters as their
     * {@link ShardSummaries summaries} last heard them.
     */
    public static DynamoDbDropReader summaries(DynamoDbClient dynamoDb, String table, Clock clock) {
        return new DynamoDbDropReader(dynamoDb, table, clock, true);
    }

    @Override
    public Optional<DropSnapshot> read(String dropId) {
        Map<String, AttributeValue> meta = null;
        List<Map<String, AttributeValue>> skus = new ArrayList<>();
        Map<String, Integer> seatsLeft = new HashMap<>();
        // One request per page; a drop's META and SKU items fit one 1 MB page unless it sells thousands of SKUs.
        for (Map<String, AttributeValue> item : dynamoDb.queryPaginator(QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", TableKeys.dropPartition(dropId)))
                .build()).items()) {
            String sk = item.get(TableKeys.SK).s();
            if (sk.equals(TableKeys.META)) {
                meta = item;
            } else if (sk.startsWith(TableKeys.SKU_PREFIX)) {
                skus.add(item);
            } else if (sk.startsWith(TableKeys.SLOT_PREFIX)) {
                seatsLeft.put(item.get("hubId").s() + "#" + item.get("slotId").s(),
                        Attributes.integer(item, "seats") - Attributes.integer(item, "taken"));
            }
        }
        if (meta == null) {
            return Optional.empty();
        }
        skus.sort(Comparator.comparing(i -> i.get(TableKeys.SK).s()));
        Drop drop = DropItems.drop(meta, skus);
        Map<String, StockLevel> stock = new HashMap<>();
        Map<String, java.time.Instant> flashUntil = new HashMap<>();
        List<Map<String, AttributeValue>> unsummarised = new ArrayList<>();
        for (Map<String, AttributeValue> item : skus) {
            String sku = item.get("sku").s();
            if (DropItems.shardCount(item) == 1) {
                stock.put(sku, DropItems.stock(item));
                continue;
            }
            Optional<List<StockLevel>> summary = summaries ? ShardSummaries.of(item) : Optional.empty();
            summary.ifPresentOrElse(levels -> stock.put(sku, StockLevel.ofShards(sku, levels)),
                    () -> unsummarised.add(item));
        }
        stock.putAll(shardedStock(dropId, unsummarised));
        skus.stream().filter(i -> DropItems.flashUntil(i) != null)
                .forEach(i -> flashUntil.put(i.get("sku").s(), DropItems.flashUntil(i)));
        return Optional.of(new DropSnapshot(drop, stock, clock.instant(), seatsLeft, DropItems.paused(meta),
                flashUntil));
    }

    /**
     * The counters of the drop's sharded SKUs, each the sum of its shards (kept per shard): one BatchGetItem for
     * all the shards of the drop (more only past 100 shards, or for keys DynamoDB leaves unprocessed). None for a
     * drop without sharded SKUs.
     */
    private Map<String, StockLevel> shardedStock(String dropId, List<Map<String, AttributeValue>> skus) {
        Map<String, StockLevel[]> shards = new LinkedHashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : skus) {
            int count = DropItems.shardCount(item);
            if (count > 1) {
                String sku = item.get("sku").s();
                shards.put(sku, new StockLevel[count]);
                for (int i = 0; i < count; i++) {
                    keys.add(TableKeys.stockShard(dropId, sku, i));
                }
            }
        }
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> batch = keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT));
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(batch).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> asked = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(r -> r.requestItems(asked));
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    StockLevel level = DropItems.stock(item);
                    StockLevel[] of = shards.get(level.sku());
                    if (of != null && level.shard() < of.length) {
                        of[level.shard()] = level;
                    }
                });
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        Map<String, StockLevel> stock = new HashMap<>();
        shards.forEach((sku, of) -> {
            List<StockLevel> levels = new ArrayList<>();
            for (int i = 0; i < of.length; i++) {
                levels.add(of[i] != null ? of[i] : StockLevel.ofShard(sku, i, 0, 0, 0, 0));
            }
            stock.put(sku, StockLevel.ofShards(sku, levels));
        });
        return stock;
    }

    @Override
    public List<DropSummary> list() {
        List<DropSummary> drops = new ArrayList<>();
        dynamoDb.queryPaginator(QueryRequest.builder()
                        .tableName(table)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableKeys.DIRECTORY)))
                        .build())
                .items().forEach(i -> drops.add(DropItems.summary(i)));
        drops.sort(Comparator.comparing(DropSummary::opensAt).thenComparing(DropSummary::dropId));
        return drops;
    }
}
