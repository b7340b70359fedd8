package dev.microdrop.core.stock;

import static dev.microdrop.core.testing.Shop.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentIntent;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.testing.InMemoryTable;
import dev.microdrop.core.testing.Shop;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hold planner against the in-memory inventory: retries, moves between shards, and what the cache learns. */
class HoldPlannerTest {

    private final InMemoryTable inventory = new InMemoryTable(Clock.fixed(NOW, ZoneOffset.UTC));
    private final List<Long> sleeps = new ArrayList<>();

    @Test
    void aCollidingWriteIsTriedAgainAfterABackOff_untilItHolds() {
        inventory.publish(Drops.at(NOW).sku("A", 5).build(), NOW);
        HoldPlanner planner = new HoldPlanner(collidingFirst(2), new Contention(8, sleeps::add));

        PlannedHold held = planner.hold(ask(order("ada", new OrderLine("A", 1, Drops.PRICE))), snapshot(),
                HoldPlanner.StockMemory.NONE);

        assertThat(held).isInstanceOf(PlannedHold.Held.class);
        assertThat(sleeps).hasSize(2).allSatisfy(ms -> assertThat(ms).isBetween(1L, 200L));
    }

    @Test
    void writesThatKeepColliding_endContended_afterTheLastAttempt_holdingNothing() {
        inventory.publish(Drops.at(NOW).sku("A", 5).build(), NOW);
        HoldPlanner planner = new HoldPlanner(collidingFirst(Integer.MAX_VALUE), new Contention(3, sleeps::add));

        assertThat(planner.hold(ask(order("ada", new OrderLine("A", 1, Drops.PRICE))), snapshot(),
                HoldPlanner.StockMemory.NONE)).isEqualTo(new PlannedHold.Contended());
        assertThat(sleeps).hasSize(2);
        assertThat(inventory.writes()).isZero();
    }

    @Test
    void aLineNoShardCanFill_getsUnitsMovedIntoOneShard_soTheLastUnitsSell() {
        inventory.publish(Drops.at(NOW).shardedSku("S", 2, 2).build(), NOW); // 1 + 1
        HoldPlanner planner = new HoldPlanner(inventory, new Contention(8, sleeps::add));

        PlannedHold held = planner.hold(ask(order("ada", new OrderLine("S", 2, Drops.PRICE))), snapshot(),
                HoldPlanner.StockMemory.NONE);

        assertThat(held).isInstanceOf(PlannedHold.Held.class);
        assertThat(snapshot().stockOf("S").orElseThrow().available()).isZero();
        assertThat(inventory.writes()).as("one move, one hold").isEqualTo(2);
    }

    @Test
    void inEarlyAccess_noUnitsAreMovedBetweenShards_forAMoveCarriesNoTranche() {
        // 3 units over 2 shards (2 + 1), all for insiders (a tranche of 2 and of 1): no shard can fill 3, and moving a
        // unit into shard 0 would give it 3 units but still a tranche of 2.
        inventory.publish(Drops.at(NOW).opensIn(java.time.Duration.ofMinutes(30)).shardedSku("S", 3, 2)
                .insiders(java.time.Duration.ofHours(1), 10_000, 3).build(), NOW);
        HoldPlanner planner = new HoldPlanner(inventory, new Contention(8, sleeps::add));

        PlannedHold refused = planner.hold(new HoldAsk(order("ada", new OrderLine("S", 3, Drops.PRICE)), "key-ada",
                "fp", NOW, new Access(true, java.util.Set.of(), true, null)), snapshot(), HoldPlanner.StockMemory.NONE);

        assertThat(refused).isInstanceOf(PlannedHold.SoldOut.class);
        assertThat(inventory.writes()).as("no move, no hold").isZero();
    }

    @Test
    void whatARefusedWriteReturned_isLearnt_exceptAnInsidersTranche() {
        inventory.publish(Drops.at(NOW).sku("A", 1).build(), NOW);
        DropSnapshot stale = snapshot();
        inventory.hold(new HoldRequest(order("zed", new OrderLine("A", 1, Drops.PRICE)), "key-zed", "fp", 4, NOW));
        List<StockLevel> learnt = new ArrayList<>();
        HoldPlanner planner = new HoldPlanner(inventory, new Contention(8, sleeps::add));

        PlannedHold soldOut = planner.hold(ask(order("ada", new OrderLine("A", 1, Drops.PRICE))), stale,
                (dropId, level) -> learnt.add(level));

        assertThat(soldOut).isEqualTo(new PlannedHold.SoldOut(java.util.Map.of("A", new StockLevel("A", 1, 0, 1, 0))));
        assertThat(learnt).containsExactly(new StockLevel("A", 1, 0, 1, 0));
    }

    /** The inventory, answering Collided to the first {@code times} holds, as a table under contention does. */
    private Inventory collidingFirst(int times) {
        int[] left = {times};
        return new Inventory() {
            @Override
            public HoldResult hold(HoldRequest request) {
                return left[0]-- > 0 ? new HoldResult.Collided() : inventory.hold(request);
            }

            @Override
            public PreorderResult preorder(HoldRequest request) {
                return inventory.preorder(request);
            }

            @Override
            public Optional<EarlierAnswer> earlierAnswer(String dropId, String idempotencyKey, String fingerprint) {
                return inventory.earlierAnswer(dropId, idempotencyKey, fingerprint);
            }

            @Override
            public ShardMove.Result moveBetweenShards(ShardMove move) {
                return inventory.moveBetweenShards(move);
            }

            @Override
            public void attachPayment(Order order, PaymentIntent intent) {
                inventory.attachPayment(order, intent);
            }
        };
    }

    private DropSnapshot snapshot() {
        return inventory.read(Drops.DROP).orElseThrow();
    }

    private static HoldAsk ask(Order order) {
        return new HoldAsk(order, "key-" + order.orderId(), "fp", NOW, Access.everyone());
    }

    private static Order order(String buyer, OrderLine line) {
        return new Order("ord_" + buyer, Drops.DROP, Shop.buyer(buyer), buyer + "@example.com", List.of(line),
                line.total(), Shop.SHIP, OrderStatus.HELD, NOW, NOW.plus(Duration.ofMinutes(10)));
    }
}
