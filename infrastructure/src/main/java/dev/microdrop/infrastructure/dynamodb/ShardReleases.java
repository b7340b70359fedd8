package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.n;

import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.drop.StockShards;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Units released into or withdrawn from a sharded SKU (a wave, a republish, an adjustment), spread over its stock
 * shards: units added are spread deterministically ({@link StockShards#spread}: the same per shard, the remainder
 * to the first shards); units withdrawn come from the shards with the most available first. Each shard moves under
 * {@link Conditions#SHARD_AVAILABLE_COVERS} and gets its own ledger entry, so the ledger sums to every shard.
 */
final class ShardReleases {

    private final int[] deltas;

    private ShardReleases(int[] deltas) {
        this.deltas = deltas;
    }

    /** {@code units} (0 or more) added to {@code shards} shards. */
    static ShardReleases spread(int units, int shards) {
        return new ShardReleases(StockShards.spread(Math.max(0, units), shards));
    }

    /**
     * {@code delta} units added (spread) or withdrawn (most available first) from the shards as read; empty when
     * the shards have fewer units available than are withdrawn.
     */
    static Optional<ShardReleases> of(int delta, List<StockLevel> shards) {
        if (delta >= 0) {
            return Optional.of(spread(delta, shards.size()));
        }
        int[] deltas = new int[shards.size()];
        int left = -delta;
        List<StockLevel> most = new ArrayList<>(shards);
        most.sort(Comparator.comparingInt((StockLevel l) -> -l.available()).thenComparingInt(StockLevel::shard));
        for (StockLevel shard : most) {
            int take = Math.min(left, shard.available());
            deltas[shard.shard()] = -take;
            left -= take;
        }
        return left > 0 ? Optional.empty() : Optional.of(new ShardReleases(deltas));
    }

    /** The shards of a sharded SKU as they are now (a consistent read, in shard order). */
    static List<StockLevel> read(DynamoDbClient dynamoDb, String table, String dropId, String sku, int shards) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            keys.add(TableKeys.stockShard(dropId, sku, i));
        }
        StockLevel[] levels = new StockLevel[shards];
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                .consistentRead(true).build());
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> asked = request;
            var response = dynamoDb.batchGetItem(r -> r.requestItems(asked));
            response.responses().getOrDefault(table, List.of()).forEach(item -> {
                StockLevel level = DropItems.stock(item);
                levels[level.shard()] = level;
            });
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        List<StockLevel> read = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            if (levels[i] == null) {
                throw new IllegalStateException("stock shard " + i + " of " + dropId + "/" + sku + " is missing");
            }
            read.add(levels[i]);
        }
        return read;
    }

    int total() {
        int total = 0;
        for (int delta : deltas) {
            total += delta;
        }
        return total;
    }

    int delta(int shard) {
        return deltas[shard];
    }

    /**
     * One conditional update per shard with {@code update} (its {@code :delta} and {@code :taken} set here, any
     * other values from {@code values}); shards whose delta is 0 are left out unless {@code everyShard}.
     */
    List<TransactWriteItem> updates(String table, String dropId, String sku, String update,
            IntFunction<Map<String, AttributeValue>> values, boolean everyShard) {
        List<TransactWriteItem> writes = new ArrayList<>();
        for (int i = 0; i < deltas.length; i++) {
            if (deltas[i] == 0 && !everyShard) {
                continue;
            }
            Map<String, AttributeValue> all = new HashMap<>(values.apply(i));
            all.put(":delta", n(deltas[i]));
            all.put(":taken", n(Math.max(0, -deltas[i])));
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(TableKeys.stockShard(dropId, sku, i))
                    .updateExpression(update)
                    .conditionExpression(Conditions.SHARD_AVAILABLE_COVERS)
                    .expressionAttributeValues(all)
                    .build()).build());
        }
        return writes;
    }

    /** One ledger entry per shard that received or gave units: {@code <movementId>#<shard>}. */
    List<TransactWriteItem> ledger(String table, String dropId, String sku, String movementId, String movement,
            String reason, Instant at) {
        List<TransactWriteItem> entries = new ArrayList<>();
        for (int i = 0; i < deltas.length; i++) {
            if (deltas[i] != 0) {
                entries.add(LedgerItems.entry(table, dropId, sku, null, i, movementId + "#" + i, movement, null,
                        Math.abs(deltas[i]), deltas[i], deltas[i], 0, 0, reason, at));
            }
        }
        return entries;
    }
}
