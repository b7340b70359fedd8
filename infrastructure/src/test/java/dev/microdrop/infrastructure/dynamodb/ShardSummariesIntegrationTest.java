package dev.microdrop.infrastructure.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.drop.Wave;
import dev.microdrop.core.drop.WavePlan;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The summary of a sharded SKU's stock on its SKU item, on DynamoDB Local: what publishing puts there, how a
 * shard's change replaces only an older entry, and how a display reader reads a sharded drop in one Query (and
 * reads the shards when the summary is missing).
 */
class ShardSummariesIntegrationTest {

    private static final BuyerIds BUYERS = new BuyerIds("test-key-test-key".getBytes(StandardCharsets.UTF_8));

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Clock clock = Clock.systemUTC();
    private final OrderIds ids = new OrderIds();
    private String table;
    private ShardSummaries summaries;

    @BeforeEach
    void seed() {
        // SKU "H": 10 units over 4 shards (3, 3, 2, 2), all released at the opening.
        Drop drop = new Drop(TestDrops.DROP, "Sharded drop", Currency.getInstance("EUR"), start,
                start.plus(Duration.ofDays(1)), 10, Duration.ofMinutes(10), true, List.of(new PickupHub("hub", "Hub")),
                List.of(new Sku("H", "product-h", "Product H", "One size", Money.of(2_500, "EUR"), 10, Map.of(),
                        List.of(), 4)), new WavePlan(List.of(new Wave(1, start, WavePlan.WHOLE))));
        table = TestDrops.seeded(drop, start);
        summaries = new ShardSummaries(LocalDynamoDb.client(), table);
    }

    @Test
    void aDisplayReader_readsAShardedDropInOneQuery_fromTheSummaryPublishingPutThere() {
        CountingDynamoDb summarised = new CountingDynamoDb(LocalDynamoDb.client());
        CountingDynamoDb exact = new CountingDynamoDb(LocalDynamoDb.client());

        StockLevel fromSummary = DynamoDbDropReader.summaries(summarised.client(), table, clock).read(TestDrops.DROP)
                .orElseThrow().stockOf("H").orElseThrow();
        StockLevel fromShards = new DynamoDbDropReader(exact.client(), table, clock).read(TestDrops.DROP)
                .orElseThrow().stockOf("H").orElseThrow();

        assertThat(summarised.reads()).isEqualTo(1);
        assertThat(exact.reads()).isEqualTo(2);
        assertThat(exact.calls("batchGetItem")).isEqualTo(1);
        assertThat(fromSummary).isEqualTo(fromShards);
        assertThat(fromSummary.shards()).extracting(StockLevel::available).containsExactly(3, 3, 2, 2);
    }

    @Test
    void aShardsChange_replacesOnlyAnOlderEntry_andTellsTheSkusTotalsAroundIt() {
        StockLevel before = StockLevel.ofShard("H", 1, 3, 3, 0, 0);
        StockLevel after = StockLevel.ofShard("H", 1, 3, 1, 2, 0);

        assertThat(summaries.record(TestDrops.DROP, "H", before, after, "200"))
                .contains(new ShardSummaries.Change(10, 8, 10, 4));
        // The same record again (a redelivered batch): the same entry, the same answer.
        assertThat(summaries.record(TestDrops.DROP, "H", before, after, "200"))
                .contains(new ShardSummaries.Change(10, 8, 10, 4));
        // An older record of that shard, met late: refused, the entry stays.
        assertThat(summaries.record(TestDrops.DROP, "H", StockLevel.ofShard("H", 1, 3, 3, 0, 0),
                StockLevel.ofShard("H", 1, 3, 2, 1, 0), "199")).isEmpty();
        // Sequence numbers compare as numbers, not as strings of different lengths.
        assertThat(summaries.record(TestDrops.DROP, "H", after, StockLevel.ofShard("H", 1, 3, 0, 3, 0), "1000"))
                .contains(new ShardSummaries.Change(8, 7, 10, 4));

        assertThat(summarisedStock().shards()).extracting(StockLevel::available).containsExactly(3, 0, 2, 2);
    }

    @Test
    void aSkuWithoutASummary_isReadFromItsShards_andNoSummaryIsStartedForIt() {
        // As a drop published before summaries existed.
        LocalDynamoDb.client().updateItem(r -> r.tableName(table).key(TableKeys.sku(TestDrops.DROP, "H"))
                .updateExpression("REMOVE " + ShardSummaries.SHARD_LEVELS));
        assertThat(hold(2)).isInstanceOf(HoldResult.Held.class);

        assertThat(summaries.record(TestDrops.DROP, "H", StockLevel.ofShard("H", 2, 2, 2, 0, 0),
                StockLevel.ofShard("H", 2, 2, 1, 1, 0), "300")).isEmpty();

        assertThat(summarisedStock().shards()).extracting(StockLevel::available).containsExactly(3, 3, 1, 2);
        assertThat(LocalDynamoDb.client().getItem(r -> r.tableName(table).key(TableKeys.sku(TestDrops.DROP, "H"))
                .consistentRead(true)).item()).doesNotContainKey(ShardSummaries.SHARD_LEVELS);
    }

    private StockLevel summarisedStock() {
        return DynamoDbDropReader.summaries(LocalDynamoDb.client(), table, clock).read(TestDrops.DROP).orElseThrow()
                .stockOf("H").orElseThrow();
    }

    private HoldResult hold(int shard) {
        Instant now = Instant.now();
        Order order = new Order(ids.next(now), TestDrops.DROP, BUYERS.of("ada@example.com"), "ada@example.com",
                List.of(new OrderLine("H", 1, Money.of(2_500, "EUR"), null, shard)), Money.of(2_500, "EUR"),
                new Fulfilment.Pickup("hub"), OrderStatus.HELD, now, now.plus(Duration.ofMinutes(10)));
        return new DynamoDbInventory(LocalDynamoDb.client(), table).hold(new HoldRequest(order, "key-" + order.orderId(),
                "fp", 10, now));
    }
}
