package dev.microdrop.checkout;

import static dev.microdrop.checkout.CheckoutFixture.checkout;
import static dev.microdrop.checkout.CheckoutFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.PreorderTerms;
import dev.microdrop.core.fulfilment.FulfilmentOutcome;
import dev.microdrop.core.fulfilment.FulfilmentService;
import dev.microdrop.core.lifecycle.LifecycleOutcome;
import dev.microdrop.core.lifecycle.OrderLifecycle;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentEvent;
import dev.microdrop.core.payment.PaymentEventType;
import dev.microdrop.core.preorder.PreorderRuns;
import dev.microdrop.core.reconcile.Drift;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropReader;
import dev.microdrop.infrastructure.dynamodb.DynamoDbOrderStore;
import dev.microdrop.infrastructure.dynamodb.DynamoDbPreorders;
import dev.microdrop.infrastructure.dynamodb.DynamoDbReconciler;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import dev.microdrop.infrastructure.fulfilment.DynamoDbFulfilmentRecords;
import dev.microdrop.core.testing.MutableClock;
import dev.microdrop.testing.Together;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pre-orders end to end on DynamoDB Local, through the checkout handler where a buyer acts and through
 * {@link OrderLifecycle} and {@link PreorderRuns} where the provider or the merchant does: the cap under a storm,
 * the deposit, the run confirmed (balance, paid, fulfilled) or cancelled (deposits refunded once), expiry, the
 * refusals, and the books.
 */
class PreorderIntegrationTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Map<String, String> JSON = Map.of("content-type", "application/json");
    /** A third of the price as deposit: 2500 × 33.33% = 833.25, rounded up to 834. */
    private static final int DEPOSIT_BP = 3_333;
    private static final int CAP = 10;

    private final MutableClock clock = new MutableClock(NOW);
    private CheckoutFixture fixture;
    private OrderLifecycle lifecycle;
    private PreorderRuns runs;

    /** SKU A (2 units) sells out at checkout; SKU B (5 units) is still on sale. */
    private void seed(Drop drop) {
        fixture = new CheckoutFixture(drop, clock);
        lifecycle = new OrderLifecycle(new DynamoDbOrderStore(LocalDynamoDb.client(), fixture.table, clock),
                new DynamoDbDropReader(LocalDynamoDb.client(), fixture.table, clock), fixture.payments, clock);
        runs = new PreorderRuns(new DynamoDbPreorders(LocalDynamoDb.client(), fixture.table), lifecycle);
        assertThat(fixture.post(UUID.randomUUID().toString(), checkout(TestDrops.DROP, "early@example.com", "A", "2"))
                .getStatusCode()).isEqualTo(201);
        clock.advance(Duration.ofSeconds(3)); // past the cache window: the checkout sees A sold out
    }

    private void seed() {
        seed(withPreorders(base(3), new PreorderTerms(DEPOSIT_BP, CAP, NOW.plus(Duration.ofDays(9)))));
    }

    private static Drop base(int perBuyerLimit) {
        Drop a = TestDrops.drop(TestDrops.DROP, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(2)),
                perBuyerLimit, 2, "A");
        Drop b = TestDrops.drop(TestDrops.DROP, a.opensAt(), a.closesAt(), perBuyerLimit, 5, "B");
        List<dev.microdrop.core.drop.Sku> skus = new ArrayList<>(a.skus());
        skus.addAll(b.skus());
        return new Drop(a.dropId(), a.name(), a.currency(), a.opensAt(), a.closesAt(), a.perBuyerLimit(),
                a.holdDuration(), a.shipping(), a.hubs(), skus, a.wavePlan());
    }

    private static Drop withPreorders(Drop d, PreorderTerms terms) {
        return new Drop(d.dropId(), d.name(), d.currency(), d.opensAt(), d.closesAt(), d.perBuyerLimit(),
                d.holdDuration(), d.shipping(), d.hubs(), d.skus(), d.wavePlan(), d.restockOnRefund(), d.insiders(),
                d.shipFrom(), terms);
    }

    @Test
    void preorder_answers201WithItsDepositAndBalance_takesNoStock_andReplaysItsKey() {
        seed();
        var skuBefore = skuItems();

        APIGatewayV2HTTPResponse first = preorder("k-ada-0001", "ada@example.com", 1);
        APIGatewayV2HTTPResponse again = preorder("k-ada-0001", "ada@example.com", 1);

        assertThat(first.getStatusCode()).isEqualTo(201);
        JsonNode order = json(first);
        assertThat(order.path("kind").asText()).isEqualTo("preorder");
        assertThat(order.path("status").asText()).isEqualTo("held");
        assertThat(order.at("/amount/minorUnits").asLong()).isEqualTo(2_500);
        assertThat(order.at("/deposit/minorUnits").asLong()).isEqualTo(834);
        assertThat(order.at("/balance/minorUnits").asLong()).isEqualTo(1_666);
        assertThat(order.at("/payment/intentId").asText()).isEqualTo("pi_deposit_" + order.path("orderId").asText());
        assertThat(again.getStatusCode()).isEqualTo(201);
        assertThat(again.getHeaders()).containsEntry("idempotent-replayed", "true");
        assertThat(json(again).path("orderId")).isEqualTo(order.path("orderId"));
        assertThat(capacity()).containsExactly(CAP, CAP - 1, 1);
        assertThat(skuItems()).as("a pre-order moves no stock counter").isEqualTo(skuBefore);
        assertThat(outbox()).containsOnlyOnce("PreorderPlaced").containsOnlyOnce("OrderHeld"); // the early checkout's
        // The same key for a checkout is another request, never a replay of the pre-order.
        assertThat(fixture.post("k-ada-0001",
                checkout(TestDrops.DROP, "ada@example.com", "B", "1")).getStatusCode()).isEqualTo(422);
    }

    @Test
    void preorderStorm_neverTakesMoreThanTheCap_andEachBuyerStaysWithinTheLimit() throws Exception {
        seed();
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int buyer = 0; buyer < 30; buyer++) {
            String email = "storm" + buyer + "@example.com";
            for (int attempt = 0; attempt < 2; attempt++) {
                attempts.add(() -> preorder(UUID.randomUUID().toString(), email, 2).getStatusCode());
            }
        }
        Together.run(16, attempts);

        List<Order> preorders = preorders();
        assertThat(preorders.stream().mapToInt(Order::units).sum()).isEqualTo(CAP);
        assertThat(capacity()).containsExactly(CAP, 0, CAP);
        Map<String, Integer> perBuyer = new HashMap<>();
        preorders.forEach(o -> perBuyer.merge(o.buyerId().value(), o.units(), Integer::sum));
        assertThat(perBuyer.values()).allMatch(units -> units <= 3);
        assertThat(preorder(UUID.randomUUID().toString(), "late@example.com", 1).getStatusCode()).isEqualTo(409);
        assertThat(reconcile()).isEmpty();
    }

    @Test
    void depositPaid_reservesTheOrder_andDuplicatesOrLateFailuresChangeNothing() {
        seed();
        Order order = placed("ada@example.com", 1);

        assertThat(lifecycle.apply(event(order, PaymentEventType.SUCCEEDED, "evt_dep")))
                .isEqualTo(new LifecycleOutcome.Applied(order.orderId(), OrderStatus.RESERVED));
        var after = LocalDynamoDb.scan(fixture.table);
        assertThat(lifecycle.apply(event(order, PaymentEventType.SUCCEEDED, "evt_dep")))
                .isEqualTo(new LifecycleOutcome.Duplicate());
        assertThat(lifecycle.apply(event(order, PaymentEventType.FAILED, "evt_fail_late")))
                .isInstanceOf(LifecycleOutcome.Ignored.class);
        assertThat(lifecycle.apply(event(order, PaymentEventType.FAILED, "evt_fail_late")))
                .isEqualTo(new LifecycleOutcome.Duplicate());

        assertThat(status(order)).isEqualTo(OrderStatus.RESERVED);
        assertThat(withoutProviderEvents(LocalDynamoDb.scan(fixture.table))).isEqualTo(withoutProviderEvents(after));
        assertThat(capacity()).containsExactly(CAP, CAP - 1, 1);
        assertThat(outbox()).contains("PreorderReserved");
        // The hold's expiry message finds the deposit paid and changes nothing.
        clock.advance(Duration.ofMinutes(30));
        assertThat(lifecycle.expire(order.orderId())).isInstanceOf(LifecycleOutcome.NotExpired.class);
    }

    @Test
    void confirmedRun_asksForEachBalance_andAPaidBalanceIsPaidAndFulfilled() {
        seed();
        Order ada = reserved("ada@example.com", 1);
        Order bob = reserved("bob@example.com", 2);
        Order held = placed("cy@example.com", 1);
        var skuBefore = skuItems();

        assertThat(runs.confirm(TestDrops.DROP)).isEqualTo(new PreorderRuns.RunResult(2, 1));
        var afterConfirm = LocalDynamoDb.scan(fixture.table);
        assertThat(runs.confirm(TestDrops.DROP)).isEqualTo(new PreorderRuns.RunResult(0, 3));
        assertThat(LocalDynamoDb.scan(fixture.table)).as("a second confirmation changes nothing").isEqualTo(afterConfirm);

        assertThat(status(ada)).isEqualTo(OrderStatus.BALANCE_DUE);
        assertThat(status(bob)).isEqualTo(OrderStatus.BALANCE_DUE);
        assertThat(status(held)).isEqualTo(OrderStatus.HELD);
        assertThat(fixture.payments.intentsAsked).contains("balance:" + ada.orderId() + ":1666",
                "balance:" + bob.orderId() + ":" + (5_000 - 1_667));
        assertThat(outbox()).contains("PreorderConfirmed");
        // A dispute on the balance's charge carries only its intent: it finds the order.
        assertThat(new dev.microdrop.infrastructure.dynamodb.DynamoDbOrderStore(LocalDynamoDb.client(), fixture.table,
                clock).orderIdForIntent("pi_balance_" + ada.orderId())).contains(ada.orderId());
        JsonNode shown = json(fixture.handler.apply(CheckoutFixture.event("GET", "/orders/" + ada.orderId(),
                Map.of("authorization", "Bearer " + new dev.microdrop.core.order.OrderTokens(CheckoutFixture.KEY)
                        .issue(ada.orderId())), null)));
        assertThat(shown.path("status").asText()).isEqualTo("balance_due");
        assertThat(shown.at("/payment/intentId").asText()).isEqualTo("pi_balance_" + ada.orderId());

        // The deposit's success again, under another event id, is not the balance's.
        assertThat(lifecycle.apply(depositEvent(ada, PaymentEventType.SUCCEEDED, "evt_dep_ada_again")))
                .isInstanceOf(LifecycleOutcome.Ignored.class);
        assertThat(status(ada)).isEqualTo(OrderStatus.BALANCE_DUE);
        assertThat(lifecycle.apply(event(ada, PaymentEventType.SUCCEEDED, "evt_bal_ada")))
                .isEqualTo(new LifecycleOutcome.Applied(ada.orderId(), OrderStatus.PAID));
        assertThat(lifecycle.apply(event(ada, PaymentEventType.SUCCEEDED, "evt_bal_ada")))
                .isEqualTo(new LifecycleOutcome.Duplicate());
        FulfilmentService fulfilment = new FulfilmentService(new DynamoDbOrderStore(LocalDynamoDb.client(), fixture.table, Clock.systemUTC()),
                new DynamoDbFulfilmentRecords(LocalDynamoDb.client(), fixture.table), clock);
        assertThat(fulfilment.fulfil(ada.orderId())).isInstanceOf(FulfilmentOutcome.Created.class);
        // An OrderPaid naming a pre-order whose balance is still due is unexpected: it fails, to be retried.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fulfilment.fulfil(bob.orderId()))
                .isInstanceOf(IllegalStateException.class);

        assertThat(status(ada)).isEqualTo(OrderStatus.PAID);
        assertThat(outbox()).contains("OrderPaid");
        assertThat(skuItems()).as("a paid pre-order moves no stock counter").isEqualTo(skuBefore);
        assertThat(capacity()).containsExactly(CAP, CAP - 4, 4);
        assertThat(reconcile()).isEmpty();
    }

    @Test
    void cancelledRun_refundsEachDepositOnce_andGivesTheCapacityAndTheBuyersUnitsBack() {
        seed();
        Order ada = reserved("ada@example.com", 1);
        Order bob = reserved("bob@example.com", 2);
        runs.confirm(TestDrops.DROP);
        Order cy = reserved("cy@example.com", 1);

        assertThat(runs.cancel(TestDrops.DROP)).isEqualTo(new PreorderRuns.RunResult(3, 0));
        var after = LocalDynamoDb.scan(fixture.table);
        assertThat(runs.cancel(TestDrops.DROP)).isEqualTo(new PreorderRuns.RunResult(0, 3));
        assertThat(runs.confirm(TestDrops.DROP)).isEqualTo(new PreorderRuns.RunResult(0, 3));
        // The provider's charge.refunded for a deposit refunded here is recorded and ignored.
        assertThat(lifecycle.apply(event(ada, PaymentEventType.REFUNDED, "evt_ref_ada")))
                .isInstanceOf(LifecycleOutcome.Ignored.class);

        assertThat(withoutProviderEvents(LocalDynamoDb.scan(fixture.table))).isEqualTo(withoutProviderEvents(after));
        assertThat(fixture.payments.refundsAsked).containsExactlyInAnyOrder(ada.orderId(), bob.orderId(), cy.orderId());
        for (Order order : List.of(ada, bob, cy)) {
            assertThat(status(order)).isEqualTo(OrderStatus.REFUNDED);
            assertThat(buyerUnits(order)).isZero();
        }
        assertThat(capacity()).containsExactly(CAP, CAP, 0);
        assertThat(outbox()).contains("PreorderCancelled");
        assertThat(reconcile()).isEmpty();
    }

    @Test
    void unpaidDeposit_expires_andGivesTheCapacityBack_notStock() {
        seed();
        Order order = placed("ada@example.com", 2);
        var skuBefore = skuItems();

        assertThat(lifecycle.expire(order.orderId())).isInstanceOf(LifecycleOutcome.NotExpired.class);
        clock.advance(Duration.ofMinutes(11));
        assertThat(lifecycle.expire(order.orderId()))
                .isEqualTo(new LifecycleOutcome.Applied(order.orderId(), OrderStatus.EXPIRED));
        var after = LocalDynamoDb.scan(fixture.table);
        assertThat(lifecycle.expire(order.orderId())).isInstanceOf(LifecycleOutcome.NotExpired.class);
        // A deposit that arrives after its hold lapsed is refunded, and takes nothing again.
        assertThat(lifecycle.apply(event(order, PaymentEventType.SUCCEEDED, "evt_late")))
                .isEqualTo(new LifecycleOutcome.RefundedAutomatically(order.orderId()));

        assertThat(withoutProviderEvents(LocalDynamoDb.scan(fixture.table)).stream()
                .filter(i -> !i.get("pk").s().startsWith("ORDER#")).toList())
                .isEqualTo(withoutProviderEvents(after).stream()
                        .filter(i -> !i.get("pk").s().startsWith("ORDER#")).toList());
        assertThat(capacity()).containsExactly(CAP, CAP, 0);
        assertThat(buyerUnits(order)).isZero();
        assertThat(skuItems()).isEqualTo(skuBefore);
        assertThat(outbox()).contains("PreorderReleased").doesNotContain("OrderExpired");
        assertThat(fixture.payments.refundsAsked).containsExactly(order.orderId());
        assertThat(reconcile()).isEmpty();
    }

    @Test
    void preorder_isRefusedWhenNotTakenNotSoldOutOrClosed_asProblemJson_andChangesNothing() {
        seed(base(3));
        assertRefused(preorder("k-none-0001", "ada@example.com", 1), "preorders-closed");

        seed();
        var before = LocalDynamoDb.scan(fixture.table);
        assertRefused(fixture.post("/preorders", "k-notsold-01", checkout(TestDrops.DROP, "ada@example.com", "B", "1"),
                JSON), "not-sold-out");
        assertRefused(fixture.post("/preorders", "k-bundle-01",
                checkout(TestDrops.DROP, "ada@example.com", "A", "1", "B", "1"), JSON), "not-sold-out");
        assertRefused(preorder("k-limit-001", "ada@example.com", 4), "limit-reached");
        assertRefused(fixture.post("/preorders", "k-bad-00001", "{\"dropId\":", JSON), "malformed-json");
        assertRefused(fixture.post("/preorders", null, checkout(TestDrops.DROP, "ada@example.com", "A", "1"), JSON),
                "idempotency-key-missing");
        assertRefused(fixture.post("/preorders", "k-sku-00001", checkout(TestDrops.DROP, "ada@example.com", "Z", "1"),
                JSON), "invalid-request");
        clock.advance(Duration.ofDays(3));
        assertRefused(preorder("k-closed-01", "ada@example.com", 1), "preorders-closed");
        assertThat(LocalDynamoDb.scan(fixture.table)).isEqualTo(before);
    }

    @Test
    void reconcile_isCleanAfterAMixedRun_andReportsATamperedCapacity() {
        seed();
        Order paid = reserved("ada@example.com", 1);
        reserved("bob@example.com", 1);
        placed("cy@example.com", 2);
        Order failed = placed("dee@example.com", 1);
        lifecycle.apply(event(failed, PaymentEventType.FAILED, "evt_fail"));
        runs.confirm(TestDrops.DROP);
        lifecycle.apply(event(paid, PaymentEventType.SUCCEEDED, "evt_bal"));
        Order refunded = reserved("eve@example.com", 1);
        lifecycle.apply(event(refunded, PaymentEventType.REFUNDED, "evt_refund"));
        assertThat(reconcile()).isEmpty();

        LocalDynamoDb.client().updateItem(r -> r.tableName(fixture.table)
                .key(Map.of("pk", AttributeValue.fromS("DROP#" + TestDrops.DROP), "sk", AttributeValue.fromS("PREORDERS")))
                .updateExpression("SET taken = taken + :one, remaining = remaining - :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));

        assertThat(reconcile()).extracting(Drift::kind, Drift::subject)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("preorders", TestDrops.DROP + "/PREORDERS"));
    }

    private APIGatewayV2HTTPResponse preorder(String key, String email, int quantity) {
        return fixture.post("/preorders", key, checkout(TestDrops.DROP, email, "A", Integer.toString(quantity)), JSON);
    }

    private Order placed(String email, int quantity) {
        APIGatewayV2HTTPResponse response = preorder(UUID.randomUUID().toString(), email, quantity);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        return new DynamoDbOrderStore(LocalDynamoDb.client(), fixture.table, Clock.systemUTC()).find(json(response).path("orderId").asText())
                .orElseThrow();
    }

    private Order reserved(String email, int quantity) {
        Order order = placed(email, quantity);
        assertThat(lifecycle.apply(event(order, PaymentEventType.SUCCEEDED, "evt_dep_" + order.orderId())))
                .isEqualTo(new LifecycleOutcome.Applied(order.orderId(), OrderStatus.RESERVED));
        return new DynamoDbOrderStore(LocalDynamoDb.client(), fixture.table, Clock.systemUTC()).find(order.orderId()).orElseThrow();
    }

    /** What the provider sends for the payment the order waits for: its balance once due, else its deposit. */
    private PaymentEvent event(Order order, PaymentEventType type, String eventId) {
        Order current = new DynamoDbOrderStore(LocalDynamoDb.client(), fixture.table, Clock.systemUTC()).find(order.orderId()).orElseThrow();
        return current.status() == OrderStatus.BALANCE_DUE
                ? new PaymentEvent(eventId, type, order.orderId(), "pi_balance_" + order.orderId(),
                        current.balance().minorUnits(), "EUR", NOW)
                : depositEvent(order, type, eventId);
    }

    private static PaymentEvent depositEvent(Order order, PaymentEventType type, String eventId) {
        return new PaymentEvent(eventId, type, order.orderId(), "pi_deposit_" + order.orderId(),
                order.deposit().minorUnits(), "EUR", NOW);
    }

    private static void assertRefused(APIGatewayV2HTTPResponse response, String slug) {
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(response.getStatusCode()).as(response.getBody()).isBetween(400, 499);
        assertThat(json(response).path("type").asText()).isEqualTo("https://microdrop.dev/problems/" + slug);
    }

    private OrderStatus status(Order order) {
        return new DynamoDbOrderStore(LocalDynamoDb.client(), fixture.table, Clock.systemUTC()).find(order.orderId()).orElseThrow().status();
    }

    private List<Order> preorders() {
        return new DynamoDbPreorders(LocalDynamoDb.client(), fixture.table).preorders(TestDrops.DROP).stream()
                .map(b -> b.order()).toList();
    }

    /** {@code [cap, remaining, taken]} of the drop's pre-order capacity. */
    private List<Integer> capacity() {
        Map<String, AttributeValue> item = LocalDynamoDb.client().getItem(r -> r.tableName(fixture.table)
                .key(Map.of("pk", AttributeValue.fromS("DROP#" + TestDrops.DROP), "sk", AttributeValue.fromS("PREORDERS")))
                .consistentRead(true)).item();
        return List.of(Integer.parseInt(item.get("cap").n()), Integer.parseInt(item.get("remaining").n()),
                Integer.parseInt(item.get("taken").n()));
    }

    private int buyerUnits(Order order) {
        Map<String, AttributeValue> item = LocalDynamoDb.client().getItem(r -> r.tableName(fixture.table)
                .key(Map.of("pk", AttributeValue.fromS("BUYER#" + order.buyerId().value()),
                        "sk", AttributeValue.fromS("DROP#" + TestDrops.DROP))).consistentRead(true)).item();
        return Integer.parseInt(item.get("units").n());
    }

    private List<Map<String, AttributeValue>> skuItems() {
        return LocalDynamoDb.scan(fixture.table).stream()
                .filter(i -> i.get("sk").s().startsWith("SKU#") || i.get("pk").s().startsWith("LEDGER#")).toList();
    }

    private List<String> outbox() {
        return LocalDynamoDb.scan(fixture.table).stream().filter(i -> i.get("pk").s().startsWith("OUTBOX#"))
                .map(i -> i.get("detailType").s()).toList();
    }

    /** Events that change nothing are still recorded (so a redelivery is a duplicate): leave those out. */
    private static List<Map<String, AttributeValue>> withoutProviderEvents(List<Map<String, AttributeValue>> items) {
        return items.stream().filter(i -> !i.get("pk").s().startsWith("PAYMENT_EVENT#")).toList();
    }

    private List<Drift> reconcile() {
        return new DynamoDbReconciler(LocalDynamoDb.client(), fixture.table, clock).reconcile().drifts();
    }
}
