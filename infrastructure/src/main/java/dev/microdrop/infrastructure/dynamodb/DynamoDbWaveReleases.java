package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.n;

import dev.microdrop.core.drop.Tranches;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.waves.WaveReleases;
import dev.microdrop.core.waves.WaveResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Releases a wave in one transaction over the drop's SKUs: each SKU's {@code released} and {@code available} rise
 * by the same units, its {@code wavesReleased} is set to the wave, a ledger entry per SKU and the WaveReleased
 * event are written. Every SKU update is conditional on the wave not being released yet, so a wave fired twice
 * (even at the same moment), late, or after the drop closed releases its units once at most.
 */
public final class DynamoDbWaveReleases implements WaveReleases {

    private static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbWaveReleases(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public WaveResult release(String dropId, int wave, Map<String, Integer> releasedAfterWave,
            Map<String, Map<String, Integer>> hubsReleasedAfterWave, Map<String, Tranches> tranches,
            DomainEvent.WaveReleased event, Instant now) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            List<Map<String, AttributeValue>> skus = skuItems(dropId);
            for (Map<String, AttributeValue> sku : skus) {
                Optional<WaveResult> refusal = WaveResult.refusal(dropId, wave, Attributes.integer(sku, "wavesReleased"),
                        Instant.ofEpochMilli(Attributes.number(sku, "closesAt")), now);
                if (refusal.isPresent()) {
                    return refusal.get();
                }
            }
            Map<String, Integer> units = new LinkedHashMap<>();
            List<TransactWriteItem> writes = new ArrayList<>();
            for (Map<String, AttributeValue> sku : skus) {
                String id = Attributes.string(sku, "sku");
                int current = Attributes.integer(sku, "released");
                if (DropItems.shardCount(sku) > 1) {
                    int delta = Math.max(0, releasedAfterWave.getOrDefault(id, current) - current);
                    writes.addAll(shardedRelease(dropId, id, DropItems.shardCount(sku), current, delta, wave,
                            tranches.get(id), now));
                    if (delta > 0) {
                        units.put(id, delta);
                    }
                    continue;
                }
                HubReleases hubs = HubReleases.of(sku, hubsReleasedAfterWave.getOrDefault(id, Map.of()));
                int delta = hubs.isEmpty() ? Math.max(0, releasedAfterWave.getOrDefault(id, current) - current)
                        : hubs.total();
                Map<String, AttributeValue> values = new java.util.HashMap<>(Map.of(":delta", n(delta),
                        ":current", n(current), ":wave", n(wave), ":now", n(now.toEpochMilli())));
                String update = Conditions.WAVE_RELEASE_UPDATE + hubs.update(values);
                if (tranches.containsKey(id)) {
                    // The tranches come with the first wave, in the same write.
                    update = update + trancheUpdate(tranches.get(id), values);
                }
                writes.add(TransactWriteItem.builder().update(hubs.named(Update.builder().tableName(table)
                        .key(TableKeys.sku(dropId, id))
                        .updateExpression(update)
                        .conditionExpression(Conditions.WAVE_NOT_YET_RELEASED)
                        .expressionAttributeValues(values))
                        .build()).build());
                if (delta > 0) {
                    units.put(id, delta);
                }
                writes.addAll(hubs.isEmpty() && delta > 0
                        ? List.of(LedgerItems.entry(table, dropId, id, "WAVE#" + wave, "RELEASE_WAVE", null, delta,
                                delta, delta, 0, 0, "wave " + wave, now))
                        : hubs.ledger(table, dropId, id, "WAVE#" + wave, "RELEASE_WAVE", "wave " + wave, now));
            }
            writes.add(OutboxItems.put(table, event.withUnits(units)));
            try {
                dynamoDb.transactWriteItems(t -> t.transactItems(writes));
                return new WaveResult.Released(wave, units);
            } catch (TransactionCanceledException refused) {
                // A concurrent firing, an adjustment or a conflict: read again and decide again.
                Backoff.sleep(attempt);
            }
        }
        throw new IllegalStateException("wave " + wave + " of " + dropId + " kept colliding; the scheduler retries");
    }

    /**
     * A sharded SKU's part of the wave: its item's {@code released} and {@code wavesReleased} under the wave's
     * guard, the units spread over its shards (with the insiders' tranche, spread alike, on the first wave), and
     * one ledger entry per shard that received units ({@code WAVE#<n>#<shard>}).
     */
    private List<TransactWriteItem> shardedRelease(String dropId, String sku, int shards, int current, int delta,
            int wave, Tranches tranches, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(TableKeys.sku(dropId, sku))
                .updateExpression(Conditions.SHARDED_SKU_WAVE_UPDATE)
                .conditionExpression(Conditions.WAVE_NOT_YET_RELEASED)
                .expressionAttributeValues(Map.of(":delta", n(delta), ":current", n(current), ":wave", n(wave),
                        ":now", n(now.toEpochMilli())))
                .build()).build());
        ShardReleases release = ShardReleases.spread(delta, shards);
        List<Tranches> spread = tranches == null ? null : tranches.spread(shards);
        // Every shard's update has the same text: the tranches' values differ, their names do not.
        String update = Conditions.SHARD_RELEASE_UPDATE
                + (spread == null ? "" : trancheUpdate(spread.get(0), new java.util.HashMap<>()));
        writes.addAll(release.updates(table, dropId, sku, update, i -> {
            Map<String, AttributeValue> values = new java.util.HashMap<>();
            if (spread != null) {
                trancheUpdate(spread.get(i), values);
            }
            return values;
        }, spread != null));
        writes.addAll(release.ledger(table, dropId, sku, "WAVE#" + wave, "RELEASE_WAVE", "wave " + wave, now));
        return writes;
    }

    /**
     * The part of a first wave's update that sets a stock item's tranches: each attribute publishing seeds them with
     * ({@link DropItems#tranches}: {@code insiderReserved}, and the layers' {@code layerReserved} and
     * {@code layerSeeded}, replaced whole: the first wave sets them once), as {@code , <name> = :<name>}. Its values
     * go into {@code values}.
     */
    private static String trancheUpdate(Tranches tranches, Map<String, AttributeValue> values) {
        StringBuilder set = new StringBuilder();
        new java.util.TreeMap<>(DropItems.tranches(tranches)).forEach((name, value) -> {
            set.append(", ").append(name).append(" = :").append(name);
            values.put(":" + name, value);
        });
        return set.toString();
    }

    private List<Map<String, AttributeValue>> skuItems(String dropId) {
        List<Map<String, AttributeValue>> skus = new ArrayList<>();
        dynamoDb.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :sku)")
                        .expressionAttributeValues(Map.of(":pk", TableKeys.dropPartition(dropId),
                                ":sku", AttributeValue.fromS(TableKeys.SKU_PREFIX))))
                .items().forEach(skus::add);
        return skus;
    }
}
