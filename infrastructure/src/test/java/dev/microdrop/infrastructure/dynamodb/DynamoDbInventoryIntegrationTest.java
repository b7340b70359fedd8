package dev.microdrop.infrastructure.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.PublishResult;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.stock.EarlierAnswer;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every condition of the hold, proven against DynamoDB Local for the case it allows and the case it refuses.
 * A refusal must leave the table exactly as it was.
 */
class DynamoDbInventoryIntegrationTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final BuyerIds BUYERS = new BuyerIds("test-key-test-key".getBytes(StandardCharsets.UTF_8));
    private static final BuyerId ALICE = BUYERS.of("alice@example.com");
    private static final BuyerId BOB = BUYERS.of("bob@example.com");

    private final OrderIds orderIds = new OrderIds();
    private String table;
    private DynamoDbInventory inventory;

    @BeforeEach
    void seed() {
        table = TestDrops.seeded(TestDrops.open(NOW, 4, 5, "A", "B"), NOW);
        inventory = new DynamoDbInventory(LocalDynamoDb.client(), table);
    }

    @Test
    void hold_whenStockAvailableAndDropOpen_thenMovesUnitsFromAvailableToHeld() {
        HoldResult result = inventory.hold(request(order(ALICE, line("A", 2)), "key-00000001"));

        assertThat(result).isInstanceOf(HoldResult.Held.class);
        assertThat(stock("A")).isEqualTo(new StockLevel("A", 5, 3, 2, 0));
        assertThat(stock("A").balanced()).isTrue();
        assertThat(stock("B")).isEqualTo(new StockLevel("B", 5, 5, 0, 0));
        assertThat(buyerUnits(ALICE)).isEqualTo(2);
    }

    @Test
    void hold_whenFewerUnitsThanAsked_thenOutOfStockWithCountersAndNothingChanges() {
        inventory.hold(request(order(BOB, line("A", 4)), "key-00000001"));
        var before = LocalDynamoDb.scan(table);

        HoldResult result = inventory.hold(request(order(ALICE, line("A", 2)), "key-00000002"));

        assertThat(result).isEqualTo(new HoldResult.OutOfStock(List.of(new StockLevel("A", 5, 1, 4, 0))));
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
    }

    @Test
    void hold_whenLastUnitIsAsked_thenItIsHeld() {
        HoldResult result = inventory.hold(request(order(BOB, line("A", 4)), "key-00000001"));
        HoldResult last = inventory.hold(request(order(ALICE, line("A", 1)), "key-00000002"));

        assertThat(result).isInstanceOf(HoldResult.Held.class);
        assertThat(last).isInstanceOf(HoldResult.Held.class);
        assertThat(stock("A")).isEqualTo(new StockLevel("A", 5, 0, 5, 0));
    }

    @Test
    void hold_whenBundleHasOneShortLine_thenNeitherLineIsHeld() {
        inventory.hold(request(order(BOB, line("B", 4)), "key-00000001"));
        var before = LocalDynamoDb.scan(table);

        HoldResult result = inventory.hold(request(order(ALICE, line("A", 1), line("B", 2)), "key-00000002"));

        assertThat(result).isInstanceOf(HoldResult.OutOfStock.class);
        assertThat(((HoldResult.OutOfStock) result).levels()).extracting(StockLevel::sku).containsExactly("B");
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
    }

    @Test
    void hold_whenDropNotYetOpen_thenNotOpenAndNothingChanges() {
        String later = TestDrops.seeded(TestDrops.drop("later", NOW.plusSeconds(60), NOW.plus(Duration.ofDays(1)), 4, 5,
                "A"), NOW);
        DynamoDbInventory laterInventory = new DynamoDbInventory(LocalDynamoDb.client(), later);
        var before = LocalDynamoDb.scan(later);

        HoldResult result = laterInventory.hold(request(order("later", ALICE, line("A", 1)), "key-00000001"));

        assertThat(result).isInstanceOf(HoldResult.NotOpen.class);
        assertThat(LocalDynamoDb.scan(later)).isEqualTo(before);
    }

    @Test
    void hold_whenDropClosed_thenNotOpenAndNothingChanges() {
        var before = LocalDynamoDb.scan(table);

        HoldResult result = inventory.hold(new HoldRequest(order(ALICE, line("A", 1)), "key-00000001", "fp", 4,
                NOW.plus(Duration.ofDays(3))));

        assertThat(result).isInstanceOf(HoldResult.NotOpen.class);
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
    }

    @Test
    void hold_whenBuyerStaysWithinLimitAcrossOrders_thenEachIsHeld() {
        assertThat(inventory.hold(request(order(ALICE, line("A", 2)), "key-00000001"))).isInstanceOf(HoldResult.Held.class);
        assertThat(inventory.hold(request(order(ALICE, line("B", 2)), "key-00000002"))).isInstanceOf(HoldResult.Held.class);
        assertThat(buyerUnits(ALICE)).isEqualTo(4);
    }

    @Test
    void hold_whenBuyerWouldPassLimitAcrossOrders_thenOverLimitAndNothingChanges() {
        inventory.hold(request(order(ALICE, line("A", 3)), "key-00000001"));
        var before = LocalDynamoDb.scan(table);

        HoldResult result = inventory.hold(request(order(ALICE, line("B", 2)), "key-00000002"));

        assertThat(result).isEqualTo(new HoldResult.OverLimit(3));
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
    }

    @Test
    void hold_whenSameKeyAndSameRequest_thenReplaysTheOrderAndHoldsNothingMore() {
        Order first = order(ALICE, line("A", 1));
        inventory.hold(request(first, "key-00000001"));
        var before = LocalDynamoDb.scan(table);

        HoldResult result = inventory.hold(request(order(ALICE, line("A", 1)), "key-00000001"));

        assertThat(result).isEqualTo(new HoldResult.Replayed(first));
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
        assertThat(inventory.earlierAnswer(TestDrops.DROP, "key-00000001", "fingerprint"))
                .contains(new EarlierAnswer.SameRequest(first));
    }

    @Test
    void hold_whenSameKeyAndDifferentRequest_thenKeyReusedAndNothingChanges() {
        inventory.hold(request(order(ALICE, line("A", 1)), "key-00000001"));
        var before = LocalDynamoDb.scan(table);

        HoldResult result = inventory.hold(new HoldRequest(order(ALICE, line("A", 2)), "key-00000001", "other", 4, NOW));

        assertThat(result).isInstanceOf(HoldResult.KeyReused.class);
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
        assertThat(inventory.earlierAnswer(TestDrops.DROP, "key-00000001", "other")).contains(new EarlierAnswer.OtherRequest());
        assertThat(inventory.earlierAnswer(TestDrops.DROP, "key-never-used", "other")).isEmpty();
    }

    @Test
    void hold_whenOrderIdAlreadyExists_thenRefusedAndNothingChanges() {
        Order first = order(ALICE, line("A", 1));
        inventory.hold(request(first, "key-00000001"));
        var before = LocalDynamoDb.scan(table);
        Order sameId = new Order(first.orderId(), first.dropId(), BOB, "bob@example.com", first.lines(), first.amount(),
                first.fulfilment(), OrderStatus.HELD, NOW, NOW.plusSeconds(600));

        assertThatThrownBy(() -> inventory.hold(request(sameId, "key-00000002")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("order id collision");
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
    }

    @Test
    void hold_storesNoEmailInAnyKey() {
        inventory.hold(request(order(ALICE, line("A", 1)), "key-00000001"));

        assertThat(LocalDynamoDb.scan(table)).allSatisfy(item -> {
            assertThat(item.get("pk").s()).doesNotContain("@");
            assertThat(item.get("sk").s()).doesNotContain("@");
        });
    }

    @Test
    void hold_whenSkuIsInAFlashWindow_thenOnlyTheFlashPathHoldsIt_fromTheTranche() {
        new DynamoDbStockAdjustments(LocalDynamoDb.client(), table).flashRestock(TestDrops.DROP, "A", 2,
                NOW.plus(Duration.ofMinutes(10)), NOW);
        var before = LocalDynamoDb.scan(table);

        HoldResult publicLine = inventory.hold(request(order(ALICE, line("A", 1)), "key-00000001"));
        assertThat(publicLine).isEqualTo(new HoldResult.FlashWindow("A", NOW.plus(Duration.ofMinutes(10))));
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);

        HoldResult flashLine = inventory.hold(new HoldRequest(order(ALICE, line("A", 1)), "key-00000002", "fp", 4, NOW,
                false, java.util.Set.of("A")));
        HoldResult pastTheTranche = inventory.hold(new HoldRequest(order(BOB, line("A", 2)), "key-00000003", "fp", 4,
                NOW, false, java.util.Set.of("A")));

        assertThat(flashLine).isInstanceOf(HoldResult.Held.class);
        assertThat(stock("A")).isEqualTo(new StockLevel("A", 7, 6, 1, 0));
        assertThat(pastTheTranche).as("6 available, 1 left of the tranche")
                .isEqualTo(new HoldResult.OutOfStock(List.of(new StockLevel("A", 7, 1, 1, 0))));
    }

    @Test
    void hold_whenTheFlashWindowHasEnded_thenTheFlashPathIsRefusedAndThePublicOneHolds() {
        new DynamoDbStockAdjustments(LocalDynamoDb.client(), table).flashRestock(TestDrops.DROP, "A", 2,
                NOW.plus(Duration.ofMinutes(10)), NOW);
        Instant later = NOW.plus(Duration.ofMinutes(10));

        HoldResult flashLine = inventory.hold(new HoldRequest(order(ALICE, line("A", 1)), "key-00000001", "fp", 4, later,
                false, java.util.Set.of("A")));
        HoldResult publicLine = inventory.hold(new HoldRequest(order(ALICE, line("A", 1)), "key-00000002", "fp", 4, later));

        assertThat(flashLine).isEqualTo(new HoldResult.FlashWindow("A", later));
        assertThat(publicLine).isInstanceOf(HoldResult.Held.class);
    }

    @Test
    void publish_whenRepeated_thenNeverResetsHeldOrSold() {
        inventory.hold(request(order(ALICE, line("A", 2)), "key-00000001"));
        Drop drop = TestDrops.open(NOW, 4, 5, "A", "B");

        PublishResult result = new DynamoDbDropPublisher(LocalDynamoDb.client(), table).publish(drop, NOW);

        assertThat(result).isEqualTo(new PublishResult.Updated(List.of()));
        assertThat(stock("A")).isEqualTo(new StockLevel("A", 5, 3, 2, 0));
    }

    private HoldRequest request(Order order, String key) {
        return new HoldRequest(order, key, "fingerprint", 4, NOW);
    }

    private Order order(BuyerId buyer, OrderLine... lines) {
        return order(TestDrops.DROP, buyer, lines);
    }

    private Order order(String dropId, BuyerId buyer, OrderLine... lines) {
        Money amount = Money.of(0, "EUR");
        for (OrderLine line : lines) {
            amount = amount.plus(line.total());
        }
        return new Order(orderIds.next(NOW), dropId, buyer, "buyer@example.com", List.of(lines), amount,
                new Fulfilment.Pickup(TestDrops.HUB), OrderStatus.HELD, NOW, NOW.plusSeconds(600));
    }

    private static OrderLine line(String sku, int quantity) {
        return new OrderLine(sku, quantity, Money.of(2_500, "EUR"));
    }

    private StockLevel stock(String sku) {
        Map<String, AttributeValue> item = LocalDynamoDb.client().getItem(r -> r.tableName(table)
                .key(TableKeys.sku(TestDrops.DROP, sku)).consistentRead(true)).item();
        return DropItems.stock(item);
    }

    private int buyerUnits(BuyerId buyer) {
        return Attributes.integer(LocalDynamoDb.client().getItem(r -> r.tableName(table)
                .key(TableKeys.buyerInDrop(buyer, TestDrops.DROP)).consistentRead(true)).item(), "units");
    }
}
