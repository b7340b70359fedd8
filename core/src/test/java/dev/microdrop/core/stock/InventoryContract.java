package dev.microdrop.core.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.Slot;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderKind;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.reconcile.ReconciliationReport;
import dev.microdrop.core.testing.Drops;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the {@link Inventory} port promises, run against each of them (in memory for the
 * core's unit tests, on DynamoDB Local for the adapter), so a fast test of the core cannot pass on behaviour the
 * table would not have: the hold's conditions (stock, the sale's window, the pause, the buyer's limit, the slot's
 * seat, a hub's units, the insiders' tranche, a flash window), the facts a refusal reports, idempotency, the
 * pre-order's capacity and the moves between shards. A refused write changes nothing.
 */
public abstract class InventoryContract {

    protected static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
    private static final BuyerIds BUYERS = new BuyerIds("contract-key-contract".getBytes(StandardCharsets.UTF_8));
    private static final Fulfilment SHIP = new Fulfilment.Ship(
            new Address("Ada Lovelace", "Invalidenstrasse 1", null, "Berlin", "10115", "DE"));
    private static final OrderIds IDS = new OrderIds();

    /** A drop published where the implementation keeps stock, with what a test may do to it besides holding. */
    protected interface Published {

        Inventory inventory();

        DropReader reader();

        /** The merchant pauses the drop's sales. */
        void pause();

        /** A flash restock: {@code units} more of {@code sku}, for insiders until {@code until}. */
        void flashRestock(String sku, int units, Instant until);

        /** The drop's wave {@code wave} fired, as the scheduler does ({@link dev.microdrop.core.waves.WaveService}). */
        void fireWave(int wave);

        /** The books, as reconcile reads them. */
        ReconciliationReport reconcile();
    }

    /** Publishes {@code drop} at {@link #NOW} into a fresh store. */
    protected abstract Published publish(Drop drop);

    @Test
    void aHoldMovesTheCounters_andItsKeyAnswersAgainWithTheSameOrder() {
        Published drop = publish(Drops.at(NOW).sku("A", 5).sku("B", 5).build());
        Order order = order("ada", SHIP, line("A", 2), line("B", 1));

        assertThat(drop.inventory().hold(request(order, "key-ada-1"))).isEqualTo(new HoldResult.Held(order));

        assertThat(level(drop, "A")).isEqualTo(new StockLevel("A", 5, 3, 2, 0));
        assertThat(level(drop, "B")).isEqualTo(new StockLevel("B", 5, 4, 1, 0));
        assertThat(drop.inventory().earlierAnswer(Drops.DROP, "key-ada-1", "fp"))
                .contains(new EarlierAnswer.SameRequest(order));
        assertThat(drop.inventory().hold(request(order("ada", SHIP, line("A", 2), line("B", 1)), "key-ada-1")))
                .as("the same request again").isEqualTo(new HoldResult.Replayed(order));
        assertThat(level(drop, "A")).isEqualTo(new StockLevel("A", 5, 3, 2, 0));
    }

    @Test
    void aKeyUsedForAnotherRequest_isReused_andAnUnknownKeyHasNoAnswer() {
        Published drop = publish(Drops.at(NOW).sku("A", 5).build());
        drop.inventory().hold(request(order("ada", SHIP, line("A", 1)), "key-ada-1"));

        assertThat(drop.inventory().hold(new HoldRequest(order("ada", SHIP, line("A", 2)), "key-ada-1", "other", 4,
                NOW))).isEqualTo(new HoldResult.KeyReused());
        assertThat(drop.inventory().earlierAnswer(Drops.DROP, "key-ada-1", "other"))
                .contains(new EarlierAnswer.OtherRequest());
        assertThat(drop.inventory().earlierAnswer(Drops.DROP, "key-never-used", "fp")).isEmpty();
        assertThat(level(drop, "A").held()).isEqualTo(1);
    }

    @Test
    void theLastUnitIsHeldOnce_andTheRefusalSaysWhatWasLeft() {
        Published drop = publish(Drops.at(NOW).sku("A", 1).sku("B", 5).build());
        drop.inventory().hold(request(order("ada", SHIP, line("A", 1)), "key-ada-1"));

        HoldResult refused = drop.inventory().hold(request(order("bob", SHIP, line("B", 1), line("A", 1)), "key-bob-1"));

        assertThat(refused).isEqualTo(new HoldResult.OutOfStock(List.of(new StockLevel("A", 1, 0, 1, 0))));
        assertThat(level(drop, "B")).as("a bundle is held whole or not at all")
                .isEqualTo(new StockLevel("B", 5, 5, 0, 0));
    }

    @Test
    void theBuyersLimitCountsEveryOrder() {
        Published drop = publish(Drops.at(NOW).limit(2).sku("A", 5).build());
        drop.inventory().hold(new HoldRequest(order("ada", SHIP, line("A", 2)), "key-ada-1", "fp", 2, NOW));

        assertThat(drop.inventory().hold(new HoldRequest(order("ada", SHIP, line("A", 1)), "key-ada-2", "fp", 2, NOW)))
                .isEqualTo(new HoldResult.OverLimit(2));
        assertThat(drop.inventory().hold(new HoldRequest(order("bob", SHIP, line("A", 2)), "key-bob-1", "fp", 2, NOW)))
                .as("another buyer").isInstanceOf(HoldResult.Held.class);
    }

    @Test
    void nothingIsHeldBeforeTheOpening_norWhilePaused() {
        Published later = publish(Drops.at(NOW).opensIn(Duration.ofHours(1)).sku("A", 5).build());
        assertThat(later.inventory().hold(request(order("ada", SHIP, line("A", 1)), "key-ada-1")))
                .isEqualTo(new HoldResult.NotOpen());

        Published paused = publish(Drops.at(NOW).sku("A", 5).build());
        paused.pause();
        assertThat(paused.inventory().hold(request(order("ada", SHIP, line("A", 1)), "key-ada-1")))
                .isEqualTo(new HoldResult.Paused());
        assertThat(paused.reader().read(Drops.DROP).orElseThrow().paused()).isTrue();
        assertThat(level(paused, "A")).isEqualTo(new StockLevel("A", 5, 5, 0, 0));
    }

    @Test
    void aPickupSlotIsNeverOverbooked() {
        Slot slot = Slot.of(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)), 1);
        Published drop = publish(Drops.at(NOW).sku("A", 5).hub("hub-two", slot).build());
        Fulfilment pickup = new Fulfilment.Pickup("hub-two", slot.slotId());

        assertThat(drop.inventory().hold(request(order("ada", pickup, line("A", 1)), "key-ada-1")))
                .isInstanceOf(HoldResult.Held.class);
        assertThat(drop.inventory().hold(request(order("bob", pickup, line("A", 1)), "key-bob-1")))
                .isEqualTo(new HoldResult.SlotFull("hub-two", slot.slotId()));
        assertThat(drop.reader().read(Drops.DROP).orElseThrow().seatsLeft("hub-two", slot.slotId())).isZero();
        assertThat(level(drop, "A").held()).isEqualTo(1);
    }

    @Test
    void aLineDrawsFromItsHub_andAShortHubReportsItsCounters() {
        Map<String, Integer> units = new LinkedHashMap<>();
        units.put("hub-a", 1);
        units.put("hub-b", 2);
        Published drop = publish(Drops.at(NOW).skuAtHubs("H", units).build());

        HoldResult refused = drop.inventory().hold(request(order("ada", SHIP, hubLine("H", 2, "hub-a")), "key-ada-1"));
        assertThat(refused).isInstanceOfSatisfying(HoldResult.OutOfStock.class,
                out -> assertThat(out.levels().getFirst().available("hub-a")).isEqualTo(1));

        assertThat(drop.inventory().hold(request(order("ada", SHIP, hubLine("H", 2, "hub-b")), "key-ada-2")))
                .isInstanceOf(HoldResult.Held.class);
        assertThat(level(drop, "H").available("hub-b")).isZero();
        assertThat(level(drop, "H").available("hub-a")).isEqualTo(1);
        assertThat(level(drop, "H").available()).isEqualTo(1);
    }

    @Test
    void earlyAccessSellsTheInsidersTrancheOnly_andNobodyElseYet() {
        Published drop = publish(Drops.at(NOW).opensIn(Duration.ofMinutes(30)).sku("A", 4)
                .insiders(Duration.ofHours(1), 5_000, 2).build());

        assertThat(drop.inventory().hold(insider(order("ada", SHIP, line("A", 2)), "key-ada-1")))
                .isInstanceOf(HoldResult.Held.class);
        assertThat(drop.inventory().hold(insider(order("bob", SHIP, line("A", 1)), "key-bob-1")))
                .as("the tranche (half of 4) is gone; what is left for insiders is none")
                .isEqualTo(new HoldResult.OutOfStock(List.of(new StockLevel("A", 4, 0, 2, 0))));
        assertThat(drop.inventory().hold(request(order("cy", SHIP, line("A", 1)), "key-cy-1")))
                .isEqualTo(new HoldResult.NotOpen());
        assertThat(level(drop, "A")).isEqualTo(new StockLevel("A", 4, 2, 2, 0));
    }

    @Test
    void aLayerWithAShareSellsFromItsOwnTranche_theInsidersFromTheirs_andReconcileCountsIt() {
        // 10 units: the insiders' 20% (2), the past buyers' own 30% (3).
        Published drop = publish(Drops.at(NOW).opensIn(Duration.ofMinutes(30)).sku("A", 10)
                .insiders(Duration.ofHours(1), 2_000, 3).layer("past-buyers", Duration.ofMinutes(50), 3_000).build());

        assertThat(drop.inventory().hold(layer(order("pat", SHIP, line("A", 3)), "key-pat-1", "past-buyers")))
                .isInstanceOf(HoldResult.Held.class);
        assertThat(drop.inventory().hold(layer(order("pia", SHIP, line("A", 1)), "key-pia-1", "past-buyers")))
                .as("the layer's tranche is gone: what is left for it is none")
                .isEqualTo(new HoldResult.OutOfStock(List.of(new StockLevel("A", 10, 0, 3, 0))));
        assertThat(drop.inventory().hold(insider(order("ada", SHIP, line("A", 2)), "key-ada-1")))
                .as("the insiders' tranche is untouched").isInstanceOf(HoldResult.Held.class);
        assertThat(drop.inventory().hold(layer(order("amy", SHIP, line("A", 1)), "key-amy-1", "audience")))
                .as("a layer without a tranche of its own has none to take from")
                .isInstanceOf(HoldResult.OutOfStock.class);
        assertThat(level(drop, "A")).isEqualTo(new StockLevel("A", 10, 5, 5, 0));
        assertThat(drop.reconcile().drifts()).isEmpty();
    }

    @Test
    void theFirstWaveSetsEachLayersTranche_spreadOverTheShards() {
        // The insiders' window opens in an hour: nothing is released at publishing, the first wave brings the tranches.
        Published drop = publish(Drops.at(NOW).opensIn(Duration.ofHours(2)).shardedSku("S", 10, 2)
                .insiders(Duration.ofHours(1), 1_000, 3).layer("past-buyers", Duration.ofMinutes(30), 5_000).build());
        assertThat(level(drop, "S").released()).isZero();
        drop.fireWave(1);
        Instant inTheirWindow = NOW.plus(Duration.ofMinutes(95));

        // The layer's 5 units: its remainder starts a shard after the insiders', so 2 on shard 0, 3 on shard 1.
        assertThat(drop.inventory().hold(layer(order("pat", SHIP, new OrderLine("S", 2, Drops.PRICE, null, 0)),
                "key-pat-1", "past-buyers", inTheirWindow))).isInstanceOf(HoldResult.Held.class);
        assertThat(drop.inventory().hold(layer(order("pia", SHIP, new OrderLine("S", 1, Drops.PRICE, null, 0)),
                "key-pia-1", "past-buyers", inTheirWindow))).as("shard 0's part of the tranche is gone")
                .isEqualTo(new HoldResult.OutOfStock(List.of(StockLevel.ofShard("S", 0, 5, 0, 2, 0))));
        assertThat(drop.inventory().hold(layer(order("pia", SHIP, new OrderLine("S", 3, Drops.PRICE, null, 1)),
                "key-pia-2", "past-buyers", inTheirWindow))).isInstanceOf(HoldResult.Held.class);
        assertThat(drop.reconcile().drifts()).isEmpty();
    }

    @Test
    void aFlashWindowIsForInsiders_andTheRefusalNamesItsEnd() {
        Published drop = publish(Drops.at(NOW).sku("A", 1).build());
        drop.inventory().hold(request(order("ada", SHIP, line("A", 1)), "key-ada-1"));
        Instant until = NOW.plus(Duration.ofHours(1));
        drop.flashRestock("A", 2, until);

        assertThat(drop.inventory().hold(request(order("bob", SHIP, line("A", 1)), "key-bob-1")))
                .isEqualTo(new HoldResult.FlashWindow("A", until));
        assertThat(drop.inventory().hold(new HoldRequest(order("cy", SHIP, line("A", 2)), "key-cy-1", "fp", 4, NOW,
                false, Set.of("A")))).isInstanceOf(HoldResult.Held.class);
        assertThat(drop.reader().read(Drops.DROP).orElseThrow().inFlashWindow("A", NOW)).isTrue();
        assertThat(level(drop, "A")).isEqualTo(new StockLevel("A", 3, 0, 3, 0));
    }

    @Test
    void preOrdersTakeTheCapacity_neverMoreThanTheCap() {
        Published drop = publish(Drops.at(NOW).sku("A", 0).preorders(2_000, 3).limit(2).build());

        Order ada = preorder("ada", 2);
        assertThat(drop.inventory().preorder(request(ada, "key-ada-1"))).isEqualTo(new PreorderResult.Placed(ada));
        assertThat(drop.inventory().preorder(request(preorder("ada", 1), "key-ada-1")))
                .isEqualTo(new PreorderResult.Replayed(ada));
        assertThat(drop.inventory().preorder(new HoldRequest(preorder("ada", 1), "key-ada-2", "fp", 2, NOW)))
                .isEqualTo(new PreorderResult.OverLimit(2));
        assertThat(drop.inventory().preorder(new HoldRequest(preorder("bob", 2), "key-bob-1", "fp", 2, NOW)))
                .isEqualTo(new PreorderResult.CapReached(1));
        assertThat(drop.inventory().preorder(new HoldRequest(preorder("bob", 1), "key-bob-2", "fp", 2, NOW)))
                .isInstanceOf(PreorderResult.Placed.class);
    }

    @Test
    void unitsMoveBetweenShards_wholeOrNotAtAll() {
        Published drop = publish(Drops.at(NOW).shardedSku("S", 2, 2).build());

        assertThat(drop.inventory().moveBetweenShards(new ShardMove(Drops.DROP, "S", 0, Map.of(1, 1), "MOVE#1",
                "contract", NOW))).isEqualTo(new ShardMove.Moved());
        assertThat(level(drop, "S").shards()).containsExactly(StockLevel.ofShard("S", 0, 2, 2, 0, 0),
                StockLevel.ofShard("S", 1, 0, 0, 0, 0));

        assertThat(drop.inventory().moveBetweenShards(new ShardMove(Drops.DROP, "S", 0, Map.of(1, 1), "MOVE#2",
                "contract", NOW))).isEqualTo(new ShardMove.Short(List.of(StockLevel.ofShard("S", 1, 0, 0, 0, 0))));
        assertThat(drop.inventory().hold(request(order("ada", SHIP, new OrderLine("S", 2, Drops.PRICE, null, 0)),
                "key-ada-1"))).isInstanceOf(HoldResult.Held.class);
        assertThat(level(drop, "S").available()).isZero();
    }

    private static StockLevel level(Published drop, String sku) {
        DropSnapshot snapshot = drop.reader().read(Drops.DROP).orElseThrow();
        return snapshot.stockOf(sku).orElseThrow();
    }

    private static HoldRequest request(Order order, String key) {
        return new HoldRequest(order, key, "fp", 4, NOW);
    }

    private static HoldRequest insider(Order order, String key) {
        return new HoldRequest(order, key, "fp", 2, NOW, true);
    }

    private static HoldRequest layer(Order order, String key, String layer) {
        return layer(order, key, layer, NOW);
    }

    private static HoldRequest layer(Order order, String key, String layer, Instant at) {
        return new HoldRequest(order, key, "fp", 3, at, true, Set.of(), layer);
    }

    private static OrderLine line(String sku, int quantity) {
        return new OrderLine(sku, quantity, Drops.PRICE);
    }

    private static OrderLine hubLine(String sku, int quantity, String hub) {
        return new OrderLine(sku, quantity, Drops.PRICE, hub);
    }

    private static Order order(String buyer, Fulfilment fulfilment, OrderLine... lines) {
        List<OrderLine> all = new ArrayList<>(List.of(lines));
        Money amount = all.stream().map(OrderLine::total).reduce(Money::plus).orElseThrow();
        return new Order(IDS.next(NOW), Drops.DROP, BUYERS.of(buyer + "@example.com"), buyer + "@example.com", all,
                amount, fulfilment, OrderStatus.HELD, NOW, NOW.plus(Duration.ofMinutes(10)));
    }

    private static Order preorder(String buyer, int units) {
        Order order = order(buyer, SHIP, line("A", units));
        return new Order(order.orderId(), order.dropId(), order.buyerId(), order.buyerEmail(), order.lines(),
                order.amount(), order.fulfilment(), OrderStatus.HELD, NOW, order.holdExpiresAt(), OrderKind.PREORDER,
                Money.of(order.amount().minorUnits() / 5, "EUR"));
    }
}
