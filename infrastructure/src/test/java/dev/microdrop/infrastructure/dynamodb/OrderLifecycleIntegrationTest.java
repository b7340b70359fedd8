package dev.microdrop.infrastructure.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.lifecycle.LifecycleOutcome;
import dev.microdrop.core.lifecycle.OrderLifecycle;
import dev.microdrop.core.lifecycle.OrderStore;
import dev.microdrop.core.lifecycle.Transition;
import dev.microdrop.core.lifecycle.TransitionResult;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentEvent;
import dev.microdrop.core.payment.PaymentEventType;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import dev.microdrop.core.testing.RecordingPayments;
import dev.microdrop.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every webhook transition on DynamoDB Local, each delivered twice and out of order; expiry; late payments. After
 * each step the counters are balanced and the ledger sums equal them.
 */
class OrderLifecycleIntegrationTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final BuyerIds BUYERS = new BuyerIds("test-key-test-key".getBytes(StandardCharsets.UTF_8));

    private final MutableClock clock = new MutableClock(NOW);
    private final OrderIds orderIds = new OrderIds();
    private final RecordingPayments payments = new RecordingPayments();
    private String table;
    private DynamoDbInventory inventory;
    private OrderLifecycle lifecycle;

    @BeforeEach
    void seed() {
        seed(TestDrops.open(NOW, 10, 5, "A", "B"));
    }

    private void seed(Drop drop) {
        table = TestDrops.seeded(drop, NOW);
        inventory = new DynamoDbInventory(LocalDynamoDb.client(), table);
        lifecycle = new OrderLifecycle(new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock),
                new DynamoDbDropReader(LocalDynamoDb.client(), table, clock), payments, clock);
    }

    @Test
    void succeeded_movesHeldToSold_once() {
        Order order = hold("alice", "A", 2);

        assertThat(lifecycle.apply(event(order, PaymentEventType.SUCCEEDED, "evt_1")))
                .isEqualTo(new LifecycleOutcome.Applied(order.orderId(), OrderStatus.PAID));
        var after = LocalDynamoDb.scan(table);
        assertThat(lifecycle.apply(event(order, PaymentEventType.SUCCEEDED, "evt_1")))
                .isEqualTo(new LifecycleOutcome.Duplicate());

        assertThat(LocalDynamoDb.scan(table)).isEqualTo(after);
        assertThat(stock("A")).isEqualTo(new StockLevel("A", 5, 3, 0, 2));
        assertThat(status(order)).isEqualTo(OrderStatus.PAID);
        assertThat(outbox()).contains("OrderHeld", "OrderPaid");
        assertLedgerMatchesCounters();
    }

    @Test
    void failedOrCanceled_releasesTheHold_andTheBuyersAllowance_once() {
        Order failed = hold("alice", "A", 2);
        Order canceled = hold("bob", "B", 1);

        lifecycle.apply(event(failed, PaymentEventType.FAILED, "evt_f"));
        lifecycle.apply(event(canceled, PaymentEventType.CANCELED, "evt_c"));
        var after = LocalDynamoDb.scan(table);
        assertThat(lifecycle.apply(event(failed, PaymentEventType.FAILED, "evt_f"))).isEqualTo(new LifecycleOutcome.Duplicate());
        assertThat(lifecycle.apply(event(canceled, PaymentEventType.CANCELED, "evt_c"))).isEqualTo(new LifecycleOutcome.Duplicate());

        assertThat(LocalDynamoDb.scan(table)).isEqualTo(after);
        assertThat(stock("A")).isEqualTo(new StockLevel("A", 5, 5, 0, 0));
        assertThat(stock("B")).isEqualTo(new StockLevel("B", 5, 5, 0, 0));
        assertThat(status(failed)).isEqualTo(OrderStatus.CANCELLED);
        assertThat(buyerUnits(failed.buyerId())).isZero();
        assertLedgerMatchesCounters();
    }

    @Test
    void refunded_afterPaid_returnsUnitsToStock_once() {
        Order order = hold("alice", "A", 2);
        lifecycle.apply(event(order, PaymentEventType.SUCCEEDED, "evt_s"));

        assertThat(lifecycle.apply(event(order, PaymentEventType.REFUNDED, "evt_r")))
                .isEqualTo(new LifecycleOutcome.Applied(order.orderId(), OrderStatus.REFUNDED));
        assertThat(lifecycle.apply(event(order, PaymentEventType.REFUNDED, "evt_r"))).isEqualTo(new LifecycleOutcome.Duplicate());

        assertThat(stock("A")).isEqualTo(new StockLevel("A", 5, 5, 0, 0));
        assertThat(buyerUnits(order.buyerId())).isZero();
        assertThat(outbox()).contains("OrderRefunded");
        assertLedgerMatchesCounters();
    }

    @Test
    void refunded_whenTheDropWritesRefundsOff_keepsTheUnitsSold() {
        Drop open = TestDrops.open(NOW, 10, 5, "A");
        seed(new Drop(open.dropId(), open.name(), open.currency(), open.opensAt(), open.closesAt(),
                open.perBuyerLimit(), open.holdDuration(), open.shipping(), open.hubs(), open.skus(), open.wavePlan(),
                false));
        Order order = hold("alice", "A", 2);
        lifecycle.apply(event(order, PaymentEventType.SUCCEEDED, "evt_s"));

        lifecycle.apply(event(order, PaymentEventType.REFUNDED, "evt_r"));

        assertThat(stock("A")).isEqualTo(new StockLevel("A", 5, 3, 0, 2));
        assertThat(status(order)).isEqualTo(OrderStatus.REFUNDED);
        assertLedgerMatchesCounters();
    }

    @Test
    void outOfOrder_refundBeforeSuccess_releasesOnce_andTheLateSuccessChangesNothing() {
        Order order = hold("alice", "A", 2);

        lifecycle.apply(event(order, PaymentEventType.REFUNDED, "evt_r"));
        var after = LocalDynamoDb.scan(table);
        LifecycleOutcome late = lifecycle.apply(event(order, PaymentEventType.SUCCEEDED, "evt_s"));

        assertThat(late).isInstanceOf(LifecycleOutcome.Ignored.class);
        assertThat(status(order)).isEqualTo(OrderStatus.REFUNDED);
        assertThat(stock("A")).isEqualTo(new StockLevel("A", 5, 5, 0, 0));
        assertThat(LocalDynamoDb.scan(table)).hasSize(after.size() + 1); // only the applied-event record
        assertLedgerMatchesCounters();
    }

    @Test
    void outOfOrder_failureAfterSuccess_isIgnored() {
        Order order = hold("alice", "A", 1);
        lifecycle.apply(event(order, PaymentEventType.SUCCEEDED, "evt_s"));

        assertThat(lifecycle.apply(event(order, PaymentEventType.FAILED, "evt_f"))).isInstanceOf(LifecycleOutcome.Ignored.class);

        assertThat(status(order)).isEqualTo(OrderStatus.PAID);
        assertThat(stock("A")).isEqualTo(new StockLevel("A", 5, 4, 0, 1));
    }

    @Test
    void disputes_areRecorded_onceEach_andNeverTouchStock() {
        Order order = hold("alice", "A", 1);
        lifecycle.apply(event(order, PaymentEventType.SUCCEEDED, "evt_s"));
        StockLevel before = stock("A");

        lifecycle.apply(disputeEvent(order, PaymentEventType.DISPUTE_OPENED, "evt_d1"));
        assertThat(dispute(order)).isEqualTo("opened");
        assertThat(lifecycle.apply(disputeEvent(order, PaymentEventType.DISPUTE_OPENED, "evt_d1")))
                .isEqualTo(new LifecycleOutcome.Duplicate());
        lifecycle.apply(disputeEvent(order, PaymentEventType.DISPUTE_LOST, "evt_d2"));

        assertThat(dispute(order)).isEqualTo("lost");
        assertThat(stock("A")).isEqualTo(before);
        assertThat(status(order)).isEqualTo(OrderStatus.PAID);
    }

    /**
     * A validly signed event naming a held order in its metadata is its payment only when it is for the order's
     * own intent, its full amount and its currency. Anything else is recorded once with a PaymentRejected event
     * for the merchant, and changes nothing else: not the order, not its units, not the ledger, no refund.
     */
    @Test
    void anEventThatIsNotTheOrdersOwnPayment_isRejectedOnce_visibly_andChangesNothing() {
        Order order = hold("alice", "A", 2);
        PaymentEvent own = event(order, PaymentEventType.SUCCEEDED, "evt_own");
        List<PaymentEvent> forged = List.of(
                new PaymentEvent("evt_forged_intent", PaymentEventType.SUCCEEDED, order.orderId(), "pi_forged_1",
                        own.amountMinorUnits(), "EUR", NOW),
                new PaymentEvent("evt_one_cent", PaymentEventType.SUCCEEDED, order.orderId(), own.intentId(), 1,
                        "EUR", NOW),
                new PaymentEvent("evt_usd", PaymentEventType.SUCCEEDED, order.orderId(), own.intentId(),
                        own.amountMinorUnits(), "USD", NOW),
                new PaymentEvent("evt_no_currency", PaymentEventType.SUCCEEDED, order.orderId(), own.intentId(),
                        own.amountMinorUnits(), null, NOW),
                new PaymentEvent("evt_fail_other", PaymentEventType.FAILED, order.orderId(), "pi_forged_2", 0,
                        "EUR", NOW),
                new PaymentEvent("evt_cancel_other", PaymentEventType.CANCELED, order.orderId(), null, 0, "EUR", NOW),
                new PaymentEvent("evt_refund_other", PaymentEventType.REFUNDED, order.orderId(), "pi_forged_3",
                        own.amountMinorUnits(), "EUR", NOW));
        List<String> reasons = List.of("wrong-intent", "wrong-amount", "wrong-currency", "wrong-currency",
                "wrong-intent", "wrong-intent", "wrong-intent");
        var before = withoutBookkeeping(LocalDynamoDb.scan(table));

        for (int i = 0; i < forged.size(); i++) {
            assertThat(lifecycle.apply(forged.get(i))).as(forged.get(i).eventId())
                    .isInstanceOf(LifecycleOutcome.Rejected.class)
                    .extracting(o -> ((LifecycleOutcome.Rejected) o).reason().code()).isEqualTo(reasons.get(i));
            assertThat(lifecycle.apply(forged.get(i))).isEqualTo(new LifecycleOutcome.Duplicate());
        }

        assertThat(withoutBookkeeping(LocalDynamoDb.scan(table))).isEqualTo(before);
        assertThat(status(order)).isEqualTo(OrderStatus.HELD);
        assertThat(stock("A")).isEqualTo(new StockLevel("A", 5, 3, 2, 0));
        assertThat(payments.refundsAsked).isEmpty();
        List<Map<String, AttributeValue>> rejected = outboxItems("PaymentRejected");
        assertThat(rejected).hasSize(forged.size());
        assertThat(rejected).allSatisfy(item -> assertThat(item.get("detail").s())
                .contains("\"orderId\":\"" + order.orderId() + "\"").contains("\"expectedMinorUnits\":5000")
                .doesNotContain("@example.com"));

        // The order's own payment still pays it.
        assertThat(lifecycle.apply(own)).isEqualTo(new LifecycleOutcome.Applied(order.orderId(), OrderStatus.PAID));
        assertLedgerMatchesCounters();
    }

    @Test
    void aPartialRefund_leavesThePaidOrderAsItIs_andTellsTheMerchant() {
        Order order = hold("alice", "A", 2);
        lifecycle.apply(event(order, PaymentEventType.SUCCEEDED, "evt_s"));

        LifecycleOutcome partial = lifecycle.apply(new PaymentEvent("evt_partial", PaymentEventType.REFUNDED,
                order.orderId(), "pi_" + order.orderId(), 1_000, "EUR", NOW));

        assertThat(partial).isEqualTo(new LifecycleOutcome.Rejected(order.orderId(),
                dev.microdrop.core.lifecycle.PaymentMatch.Reason.PARTIAL_REFUND));
        assertThat(status(order)).isEqualTo(OrderStatus.PAID);
        assertThat(stock("A")).isEqualTo(new StockLevel("A", 5, 3, 0, 2));
        assertThat(outboxItems("PaymentRejected")).hasSize(1);
        assertThat(lifecycle.apply(event(order, PaymentEventType.REFUNDED, "evt_full")))
                .isEqualTo(new LifecycleOutcome.Applied(order.orderId(), OrderStatus.REFUNDED));
        assertLedgerMatchesCounters();
    }

    @Test
    void unknownTypesAndForeignOrders_areAcknowledgedAndIgnored() {
        Order order = hold("alice", "A", 1);
        var before = LocalDynamoDb.scan(table);

        assertThat(lifecycle.apply(event(order, PaymentEventType.UNKNOWN, "evt_u"))).isInstanceOf(LifecycleOutcome.Ignored.class);
        assertThat(lifecycle.apply(new PaymentEvent("evt_x", PaymentEventType.SUCCEEDED, null, "pi_not_ours", 100, "EUR",
                NOW))).isInstanceOf(LifecycleOutcome.Ignored.class);

        assertThat(stock("A")).isEqualTo(new StockLevel("A", 5, 4, 1, 0));
        assertThat(LocalDynamoDb.scan(table)).hasSize(before.size() + 2);
    }

    @Test
    void expire_releasesAHoldOnlyOnceItsTimeIsUp() {
        Order order = hold("alice", "A", 2);

        assertThat(lifecycle.expire(order.orderId())).isInstanceOf(LifecycleOutcome.NotExpired.class);
        clock.advance(Duration.ofMinutes(10));
        assertThat(lifecycle.expire(order.orderId())).isEqualTo(new LifecycleOutcome.Applied(order.orderId(), OrderStatus.EXPIRED));
        assertThat(lifecycle.expire(order.orderId())).isInstanceOf(LifecycleOutcome.NotExpired.class);

        assertThat(stock("A")).isEqualTo(new StockLevel("A", 5, 5, 0, 0));
        assertThat(buyerUnits(order.buyerId())).isZero();
        assertThat(outbox()).contains("OrderExpired");
        assertLedgerMatchesCounters();
    }

    @Test
    void latePayment_takesStockAgain_whenUnitsAreLeft() {
        Order order = hold("alice", "A", 2);
        clock.advance(Duration.ofMinutes(11));
        lifecycle.expire(order.orderId());

        assertThat(lifecycle.apply(event(order, PaymentEventType.SUCCEEDED, "evt_s")))
                .isEqualTo(new LifecycleOutcome.Applied(order.orderId(), OrderStatus.PAID));

        assertThat(stock("A")).isEqualTo(new StockLevel("A", 5, 3, 0, 2));
        assertThat(buyerUnits(order.buyerId())).isEqualTo(2);
        assertThat(payments.refundsAsked).isEmpty();
        assertLedgerMatchesCounters();
    }

    @Test
    void latePayment_isRefundedAutomatically_whenNothingIsLeft_once() {
        Order late = hold("alice", "A", 2);
        clock.advance(Duration.ofMinutes(11));
        lifecycle.expire(late.orderId());
        hold("bob", "A", 5);

        assertThat(lifecycle.apply(event(late, PaymentEventType.SUCCEEDED, "evt_s")))
                .isEqualTo(new LifecycleOutcome.RefundedAutomatically(late.orderId()));
        assertThat(lifecycle.apply(event(late, PaymentEventType.SUCCEEDED, "evt_s"))).isEqualTo(new LifecycleOutcome.Duplicate());
        // Stripe then reports the refund it made: nothing more happens.
        assertThat(lifecycle.apply(event(late, PaymentEventType.REFUNDED, "evt_r"))).isInstanceOf(LifecycleOutcome.Ignored.class);

        assertThat(status(late)).isEqualTo(OrderStatus.REFUNDED);
        assertThat(payments.ordersRefunded()).isEqualTo(1);
        assertThat(stock("A")).isEqualTo(new StockLevel("A", 5, 0, 5, 0));
        assertLedgerMatchesCounters();
    }

    @Test
    void latePayment_whoseOrderIsRefundedWhileItsAutomaticRefundRuns_decidesAgain_insteadOfFailing() {
        Order late = hold("alice", "A", 2);
        clock.advance(Duration.ofMinutes(11));
        lifecycle.expire(late.orderId());
        hold("bob", "A", 5);
        DynamoDbOrderStore store = new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock);
        OrderLifecycle other = new OrderLifecycle(store, new DynamoDbDropReader(LocalDynamoDb.client(), table, clock),
                payments, clock);
        // Just before the automatic refund's write, the provider's own refund event for the order is applied.
        OrderLifecycle racing = new OrderLifecycle(new ForwardingOrderStore(store) {
            private boolean raced;

            @Override
            public TransitionResult apply(Transition transition) {
                if (!raced && transition.reason().startsWith("late payment refunded")) {
                    raced = true;
                    other.apply(event(late, PaymentEventType.REFUNDED, "evt_r"));
                }
                return super.apply(transition);
            }
        }, new DynamoDbDropReader(LocalDynamoDb.client(), table, clock), payments, clock);

        LifecycleOutcome outcome = racing.apply(event(late, PaymentEventType.SUCCEEDED, "evt_s"));

        assertThat(outcome).isInstanceOf(LifecycleOutcome.Ignored.class);
        assertThat(status(late)).isEqualTo(OrderStatus.REFUNDED);
        assertThat(racing.apply(event(late, PaymentEventType.SUCCEEDED, "evt_s"))).isEqualTo(new LifecycleOutcome.Duplicate());
        assertThat(stock("A")).isEqualTo(new StockLevel("A", 5, 0, 5, 0));
        assertLedgerMatchesCounters();
    }

    /** The real store, with one method to intercept: to interleave a second transition at an exact point. */
    private static class ForwardingOrderStore implements OrderStore {
        private final OrderStore store;

        ForwardingOrderStore(OrderStore store) {
            this.store = store;
        }

        @Override
        public java.util.Optional<Order> find(String orderId) {
            return store.find(orderId);
        }

        @Override
        public java.util.Optional<String> orderIdForIntent(String intentId) {
            return store.orderIdForIntent(intentId);
        }

        @Override
        public void recordIntent(dev.microdrop.core.payment.PaymentIntent intent, String orderId) {
            store.recordIntent(intent, orderId);
        }

        @Override
        public TransitionResult apply(Transition transition) {
            return store.apply(transition);
        }

        @Override
        public boolean recordEvent(String providerEventId, String orderId, String note) {
            return store.recordEvent(providerEventId, orderId, note);
        }

        @Override
        public boolean recordEvent(String providerEventId, String orderId, String note,
                dev.microdrop.core.events.DomainEvent event) {
            return store.recordEvent(providerEventId, orderId, note, event);
        }

        @Override
        public TransitionResult recordDispute(String orderId, String providerEventId, String disputeState) {
            return store.recordDispute(orderId, providerEventId, disputeState);
        }
    }

    Order hold(String buyer, String sku, int quantity) {
        BuyerId buyerId = BUYERS.of(buyer + "@example.com");
        Order order = new Order(orderIds.next(clock.instant()), TestDrops.DROP, buyerId, buyer + "@example.com",
                List.of(new OrderLine(sku, quantity, Money.of(2_500, "EUR"))), Money.of(2_500L * quantity, "EUR"),
                new Fulfilment.Pickup(TestDrops.HUB), OrderStatus.HELD, clock.instant(),
                clock.instant().plus(Duration.ofMinutes(10)));
        HoldResult result = inventory.hold(new HoldRequest(order, "key-" + UUID.randomUUID(), "fp", 10, clock.instant()));
        assertThat(result).isInstanceOf(HoldResult.Held.class);
        // As the checkout does once the hold is made: the order's payment is this intent, and only this one.
        inventory.attachPayment(order, payments.createIntent(order, order.amount(), RecordingPayments.ORDER));
        return order;
    }

    static PaymentEvent event(Order order, PaymentEventType type, String eventId) {
        return new PaymentEvent(eventId, type, order.orderId(), "pi_" + order.orderId(), order.amount().minorUnits(),
                "EUR", NOW);
    }

    /** Disputes carry no order id, only the payment intent: the lookup by intent finds the order. */
    private PaymentEvent disputeEvent(Order order, PaymentEventType type, String eventId) {
        LocalDynamoDb.client().putItem(r -> r.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("PAYMENT_INTENT#pi_" + order.orderId()), "sk", AttributeValue.fromS("INTENT"),
                "orderId", AttributeValue.fromS(order.orderId()))));
        return new PaymentEvent(eventId, type, null, "pi_" + order.orderId(), order.amount().minorUnits(), "EUR", NOW);
    }

    private StockLevel stock(String sku) {
        return DropItems.stock(LocalDynamoDb.client().getItem(r -> r.tableName(table)
                .key(TableKeys.sku(TestDrops.DROP, sku)).consistentRead(true)).item());
    }

    private OrderStatus status(Order order) {
        return new DynamoDbOrderStore(LocalDynamoDb.client(), table, clock).find(order.orderId()).orElseThrow().status();
    }

    private String dispute(Order order) {
        return LocalDynamoDb.client().getItem(r -> r.tableName(table).key(TableKeys.order(order.orderId()))
                .consistentRead(true)).item().get("dispute").s();
    }

    private int buyerUnits(BuyerId buyer) {
        return Attributes.integer(LocalDynamoDb.client().getItem(r -> r.tableName(table)
                .key(TableKeys.buyerInDrop(buyer, TestDrops.DROP)).consistentRead(true)).item(), "units");
    }

    private List<Map<String, AttributeValue>> outboxItems(String type) {
        return LocalDynamoDb.scan(table).stream().filter(i -> i.get("pk").s().startsWith("OUTBOX#"))
                .filter(i -> i.get("detailType").s().equals(type)).toList();
    }

    /** The table without the provider events' records and the outbox: what a rejected event may add. */
    private static List<Map<String, AttributeValue>> withoutBookkeeping(List<Map<String, AttributeValue>> items) {
        return items.stream().filter(i -> !i.get("pk").s().startsWith("OUTBOX#")
                && !i.get("pk").s().startsWith("PAYMENT_EVENT#")).toList();
    }

    private List<String> outbox() {
        return LocalDynamoDb.scan(table).stream().filter(i -> i.get("pk").s().startsWith("OUTBOX#"))
                .map(i -> i.get("detailType").s()).toList();
    }

    /** The ledger, summed per SKU, equals the counters; and every SKU is balanced. */
    void assertLedgerMatchesCounters() {
        for (String sku : List.of("A", "B")) {
            Map<String, AttributeValue> item = LocalDynamoDb.client().getItem(r -> r.tableName(table)
                    .key(TableKeys.sku(TestDrops.DROP, sku)).consistentRead(true)).item();
            if (item == null || item.isEmpty()) {
                continue;
            }
            StockLevel counters = DropItems.stock(item);
            int[] sums = new int[4];
            LocalDynamoDb.scan(table).stream()
                    .filter(i -> i.get("pk").s().equals("LEDGER#" + TestDrops.DROP + "#" + sku))
                    .forEach(i -> {
                        sums[0] += Attributes.integer(i, "dReleased");
                        sums[1] += Attributes.integer(i, "dAvailable");
                        sums[2] += Attributes.integer(i, "dHeld");
                        sums[3] += Attributes.integer(i, "dSold");
                    });
            assertThat(new StockLevel(sku, sums[0], sums[1], sums[2], sums[3])).isEqualTo(counters);
            assertThat(counters.balanced()).isTrue();
        }
    }
}
