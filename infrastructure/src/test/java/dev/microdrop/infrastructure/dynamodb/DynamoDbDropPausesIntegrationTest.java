package dev.microdrop.infrastructure.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Insiders;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.PublishResult;
import dev.microdrop.core.drop.Wave;
import dev.microdrop.core.drop.WavePlan;
import dev.microdrop.core.merchant.PauseResult;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import dev.microdrop.core.testing.RecordingPayments;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pausing and resuming on DynamoDB Local: the flag reaches META and every stock item of the drop (however many a SKU
 * has), the hold's condition refuses while it is set (public and insider holds alike), the moves of holds already
 * made go on, and a republish keeps the drop paused.
 */
class DynamoDbDropPausesIntegrationTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final BuyerIds BUYERS = new BuyerIds("test-key-test-key".getBytes(StandardCharsets.UTF_8));

    private String table;
    private DynamoDbDropPauses pauses;
    private DynamoDbInventory inventory;

    @BeforeEach
    void seed() {
        table = TestDrops.seeded(TestDrops.open(NOW, 4, 5, "A", "B"), NOW);
        pauses = new DynamoDbDropPauses(LocalDynamoDb.client(), table);
        inventory = new DynamoDbInventory(LocalDynamoDb.client(), table);
    }

    @Test
    void pause_setsTheFlagOnMetaAndOnEveryStockItem_evenSeveralPerSku() {
        // A stock item shaped like a per-hub one: another sort key, type Sku. The pause must find it by its type.
        Map<String, AttributeValue> hubItem = new HashMap<>(LocalDynamoDb.client().getItem(r -> r.tableName(table)
                .key(TableKeys.sku(TestDrops.DROP, "A")).consistentRead(true)).item());
        hubItem.put(TableKeys.SK, AttributeValue.fromS("SKU#A#HUB#" + TestDrops.HUB));
        LocalDynamoDb.client().putItem(r -> r.tableName(table).item(hubItem));

        assertThat(pauses.pause(TestDrops.DROP, NOW)).isEqualTo(PauseResult.CHANGED);

        List<Map<String, AttributeValue>> partition = LocalDynamoDb.scan(table).stream()
                .filter(i -> i.get(TableKeys.PK).s().equals("DROP#" + TestDrops.DROP)).toList();
        assertThat(partition.stream().filter(i -> "Sku".equals(i.get("type").s()))
                .toList()).hasSize(3).allSatisfy(i -> assertThat(DropItems.paused(i)).as(i.get(TableKeys.SK).s()).isTrue());
        assertThat(partition.stream().filter(i -> i.get(TableKeys.SK).s().equals("META")))
                .singleElement().satisfies(meta -> assertThat(DropItems.paused(meta)).isTrue());

        assertThat(pauses.resume(TestDrops.DROP, NOW.plusSeconds(1))).isEqualTo(PauseResult.CHANGED);
        assertThat(LocalDynamoDb.scan(table)).noneMatch(DropItems::paused);
    }

    @Test
    void hold_whilePaused_isRefusedByTheWrite_andChangesNothing_andAnUnpausedFlagAllowsIt() {
        pauses.pause(TestDrops.DROP, NOW);
        var before = LocalDynamoDb.scan(table);

        HoldResult refused = inventory.hold(new HoldRequest(order("ada", "A", 1), "key-paused-01", "fp", 4, NOW));

        assertThat(refused).isInstanceOf(HoldResult.Paused.class);
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);

        pauses.resume(TestDrops.DROP, NOW);
        // Resuming leaves paused = false on the items, which the condition's second half allows.
        assertThat(inventory.hold(new HoldRequest(order("ada", "A", 1), "key-paused-02", "fp", 4, NOW)))
                .isInstanceOf(HoldResult.Held.class);
    }

    @Test
    void insiderHold_whilePaused_isRefusedToo() {
        Instant insidersFrom = NOW.minus(Duration.ofMinutes(10));
        Instant opensAt = NOW.plus(Duration.ofHours(1));
        Drop base = TestDrops.drop("early", opensAt, opensAt.plus(Duration.ofDays(1)), 2, 100, "A");
        Drop early = new Drop(base.dropId(), base.name(), base.currency(), opensAt, base.closesAt(), 2,
                base.holdDuration(), true, base.hubs(), base.skus(), new WavePlan(List.of(
                        new Wave(1, insidersFrom, 5_000), new Wave(2, opensAt, 5_000))), true,
                new Insiders(insidersFrom, 1_000, 1));
        String earlyTable = TestDrops.seeded(early, NOW);
        DynamoDbInventory earlyInventory = new DynamoDbInventory(LocalDynamoDb.client(), earlyTable);
        new DynamoDbDropPauses(LocalDynamoDb.client(), earlyTable).pause("early", NOW);
        var before = LocalDynamoDb.scan(earlyTable);

        HoldResult result = earlyInventory.hold(new HoldRequest(order("early", "ada", "A", 1), "key-insider-1", "fp", 1,
                NOW, true));

        assertThat(result).isInstanceOf(HoldResult.Paused.class);
        assertThat(LocalDynamoDb.scan(earlyTable)).isEqualTo(before);
    }

    @Test
    void pauseAndResume_areIdempotent_andWriteOneEventEach() {
        inventory.hold(new HoldRequest(order("ada", "A", 2), "key-00000001", "fp", 4, NOW));

        assertThat(pauses.pause(TestDrops.DROP, NOW)).isEqualTo(PauseResult.CHANGED);
        var paused = LocalDynamoDb.scan(table);
        assertThat(pauses.pause(TestDrops.DROP, NOW.plusSeconds(1))).isEqualTo(PauseResult.ALREADY);
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(paused);
        assertThat(pauses.resume(TestDrops.DROP, NOW.plusSeconds(2))).isEqualTo(PauseResult.CHANGED);
        assertThat(pauses.resume(TestDrops.DROP, NOW.plusSeconds(3))).isEqualTo(PauseResult.ALREADY);

        List<Map<String, AttributeValue>> events = LocalDynamoDb.scan(table).stream()
                .filter(i -> i.containsKey("detailType") && !i.get("detailType").s().equals("OrderHeld")
                        && !i.get("detailType").s().equals("DropPublished"))
                .toList();
        assertThat(events).extracting(i -> i.get("detailType").s()).containsExactlyInAnyOrder("DropPaused", "DropResumed");
        // DropResumed says what is on sale again, for the waitlist: 3 of A (2 held), 5 of B.
        assertThat(events.stream().filter(i -> i.get("detailType").s().equals("DropResumed")).findFirst().orElseThrow()
                .get("detail").s()).contains("\"units\":[{\"sku\":\"A\",\"quantity\":3},{\"sku\":\"B\",\"quantity\":5}]");
    }

    @Test
    void holdsMadeBeforeThePause_canStillBePaidOrExpire() {
        Order paid = order("ada", "A", 1);
        Order lapsing = order("bob", "B", 1);
        RecordingPayments payments = new RecordingPayments();
        inventory.hold(new HoldRequest(paid, "key-00000001", "fp", 4, NOW));
        inventory.attachPayment(paid, payments.createIntent(paid));
        inventory.hold(new HoldRequest(lapsing, "key-00000002", "fp", 4, NOW));
        pauses.pause(TestDrops.DROP, NOW);
        Clock clock = Clock.fixed(NOW.plus(Duration.ofMinutes(11)), java.time.ZoneOffset.UTC);
        var lifecycle = new dev.microdrop.core.lifecycle.OrderLifecycle(new DynamoDbOrderStore(LocalDynamoDb.client(), table,
                clock), new DynamoDbDropReader(LocalDynamoDb.client(), table, clock), payments, clock);

        lifecycle.apply(new dev.microdrop.core.payment.PaymentEvent("evt_paid_1",
                dev.microdrop.core.payment.PaymentEventType.SUCCEEDED, paid.orderId(), "pi_" + paid.orderId(), 2_500, "EUR", NOW));
        lifecycle.expire(lapsing.orderId());

        assertThat(new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock).find(paid.orderId()).orElseThrow().status())
                .isEqualTo(OrderStatus.PAID);
        assertThat(new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock).find(lapsing.orderId()).orElseThrow().status())
                .isEqualTo(OrderStatus.EXPIRED);
        assertThat(new DynamoDbReconciler(LocalDynamoDb.client(), table, clock).reconcile().drifts()).isEmpty();
    }

    @Test
    void republishing_aPausedDrop_keepsItPaused() {
        pauses.pause(TestDrops.DROP, NOW);

        PublishResult result = new DynamoDbDropPublisher(LocalDynamoDb.client(), table)
                .publish(TestDrops.open(NOW, 4, 6, "A", "B", "C"), NOW);

        assertThat(result).isInstanceOf(PublishResult.Updated.class);
        assertThat(new DynamoDbDropReader(LocalDynamoDb.client(), table, Clock.systemUTC()).read(TestDrops.DROP)
                .orElseThrow().paused()).isTrue();
        assertThat(inventory.hold(new HoldRequest(order("ada", "C", 1), "key-00000003", "fp", 4, NOW)))
                .as("a SKU added while paused is paused too").isInstanceOf(HoldResult.Paused.class);
    }

    private static Order order(String buyer, String sku, int quantity) {
        return order(TestDrops.DROP, buyer, sku, quantity);
    }

    private static Order order(String dropId, String buyer, String sku, int quantity) {
        return new Order(new OrderIds().next(NOW), dropId, BUYERS.of(buyer + "@example.com"), buyer + "@example.com",
                List.of(new OrderLine(sku, quantity, Money.of(2_500, "EUR"))), Money.of(2_500L * quantity, "EUR"),
                new Fulfilment.Pickup(TestDrops.HUB), OrderStatus.HELD, NOW, NOW.plusSeconds(600));
    }
}
