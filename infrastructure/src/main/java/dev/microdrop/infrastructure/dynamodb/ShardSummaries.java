package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.n;
import static dev.microdrop.infrastructure.dynamodb.Attributes.s;

import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.drop.StockShards;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * A sharded SKU's stock as its SKU item last heard it: {@code shardLevels}, one entry per stock shard with the
 * shard's counters and the stream sequence number they came from. The outbox relay writes an entry whenever a
 * shard's counters change (at most once per shard per stream batch); the catalog reads the sums with the drop's one
 * Query instead of reading every shard. Entries lag the shards by the relay's delay (about a second), so nothing
 * that decides a sale reads them: holds, refusals and the checkout's snapshot read the shards themselves.
 *
 * <p>An entry is only replaced by a record at least as new ({@link Conditions#SHARD_SUMMARY_NOT_OLDER}), so a
 * redelivered batch never takes an entry back in time, and writing the same record twice changes nothing.
 */
public final class ShardSummaries {

    static final String SHARD_LEVELS = "shardLevels";

    /** Stream sequence numbers are decimal strings of up to 40 digits; padded, they compare as strings. */
    private static final int SEQUENCE_DIGITS = 40;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ShardSummaries(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /**
     * One shard's counters moved from {@code before} to {@code after} (the stream's old and new images, possibly
     * of different records of one batch), recorded at stream position {@code sequenceNumber}.
     *
     * @return the SKU's totals in the summary just before and after this write: the other shards as the summary had
     *         them, plus this shard as the summary had it (or, when the summary already held this very record, a
     *         redelivery, as {@code before} says) and as it is now. Empty when the summary already holds a newer
     *         record of this shard, or the SKU item keeps no summary (a drop published before summaries existed:
     *         readers then read the shards)
     */
    public Optional<Change> record(String dropId, String sku, StockLevel before, StockLevel after,
            String sequenceNumber) {
        Map<String, AttributeValue> old;
        try {
            old = dynamoDb.updateItem(r -> r.tableName(table).key(TableKeys.sku(dropId, sku))
                    .updateExpression(Conditions.SHARD_SUMMARY_UPDATE)
                    .conditionExpression(Conditions.SHARD_SUMMARY_NOT_OLDER)
                    .expressionAttributeNames(Map.of("#shard", String.valueOf(after.shard())))
                    .expressionAttributeValues(Map.of(":level", entry(after, sequence(sequenceNumber)),
                            ":seq", s(sequence(sequenceNumber))))
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
        } catch (ConditionalCheckFailedException stale) {
            return Optional.empty();
        }
        int othersAvailable = 0;
        int othersReleased = 0;
        for (StockLevel level : levels(old, sku)) {
            if (level.shard() != after.shard()) {
                othersAvailable += level.available();
                othersReleased += level.released();
            }
        }
        // What the summary said of this shard until now, unless this record had already replaced it.
        AttributeValue previous = old.get(SHARD_LEVELS).m().get(String.valueOf(after.shard()));
        int previousAvailable = previous == null || previous.m().get("streamSeq").s().equals(sequence(sequenceNumber))
                ? before.available() : Attributes.integer(previous.m(), "available");
        return Optional.of(new Change(othersAvailable + previousAvailable, othersAvailable + after.available(),
                othersReleased + after.released(), DropItems.shardCount(old)));
    }

    /** A sharded SKU's counters as its shards hold them now (a consistent read of every shard). */
    public StockLevel exact(String dropId, String sku, int shards) {
        return StockLevel.ofShards(sku, ShardReleases.read(dynamoDb, table, dropId, sku, shards));
    }

    /**
     * The entries a sharded SKU item holds for all its shards, or empty if one is missing (then only the shards
     * themselves tell).
     */
    static Optional<List<StockLevel>> of(Map<String, AttributeValue> skuItem) {
        List<StockLevel> levels = levels(skuItem, Attributes.string(skuItem, "sku"));
        return levels.size() == DropItems.shardCount(skuItem) ? Optional.of(levels) : Optional.empty();
    }

    /** The summary a newly published sharded SKU starts with: its shards as they are put, at sequence zero. */
    static AttributeValue initial(String sku, int released, int shards) {
        int[] spread = StockShards.spread(released, shards);
        Map<String, AttributeValue> entries = new HashMap<>();
        for (int i = 0; i < shards; i++) {
            entries.put(String.valueOf(i), entry(StockLevel.ofShard(sku, i, spread[i], spread[i], 0, 0), sequence("0")));
        }
        return AttributeValue.fromM(entries);
    }

    private static List<StockLevel> levels(Map<String, AttributeValue> skuItem, String sku) {
        AttributeValue summary = skuItem == null ? null : skuItem.get(SHARD_LEVELS);
        if (summary == null || !summary.hasM()) {
            return List.of();
        }
        List<StockLevel> levels = new ArrayList<>();
        summary.m().forEach((shard, entry) -> levels.add(StockLevel.ofShard(sku, Integer.parseInt(shard),
                Attributes.integer(entry.m(), "released"), Attributes.integer(entry.m(), "available"),
                Attributes.integer(entry.m(), "held"), Attributes.integer(entry.m(), "sold"))));
        levels.sort((a, b) -> Integer.compare(a.shard(), b.shard()));
        return levels;
    }

    private static AttributeValue entry(StockLevel level, String sequence) {
        return AttributeValue.fromM(Map.of("released", n(level.released()), "available", n(level.available()),
                "held", n(level.held()), "sold", n(level.sold()), "streamSeq", s(sequence)));
    }

    static String sequence(String sequenceNumber) {
        if (sequenceNumber.length() > SEQUENCE_DIGITS || !sequenceNumber.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a stream sequence number: " + sequenceNumber);
        }
        return "0".repeat(SEQUENCE_DIGITS - sequenceNumber.length()) + sequenceNumber;
    }

    /**
     * A SKU's available units before and after one shard's change, with the units released in total (after) and
     * its number of shards.
     */
    public record Change(int availableBefore, int availableAfter, int released, int shards) {
    }
}
