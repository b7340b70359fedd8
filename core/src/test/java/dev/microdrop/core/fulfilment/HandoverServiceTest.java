package dev.microdrop.core.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.lifecycle.StockMove;
import dev.microdrop.core.lifecycle.Transition;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.testing.InMemoryTable;
import dev.microdrop.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ready, collected and shipped on the in-memory table: idempotent, refused as outcomes, one event per step. */
class HandoverServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
    private static final byte[] KEY = "handover-test-key-of-32-bytes...".getBytes(StandardCharsets.UTF_8);
    private static final Fulfilment SHIP = new Fulfilment.Ship(
            new Address("Ada Lovelace", "Invalidenstrasse 1", null, "Berlin", "10115", "DE"));

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryTable table = new InMemoryTable(clock);
    private final PickupCodes codes = new PickupCodes(KEY);
    private final HandoverService service = new HandoverService(table, table, codes, clock);
    private final OrderIds ids = new OrderIds();

    HandoverServiceTest() {
        table.publish(Drops.at(NOW).sku("A", 5).build(), NOW);
    }

    @Test
    void ready_givesTheOrderItsCode_once_andARepeatAnswersTheSame() {
        Order order = paid(new Fulfilment.Pickup(Drops.HUB));
        clock.advance(Duration.ofHours(1));

        HandoverOutcome first = service.ready(Drops.DROP, order.orderId());
        clock.advance(Duration.ofHours(1));
        HandoverOutcome again = service.ready(Drops.DROP, order.orderId());

        Order ready = table.find(order.orderId()).orElseThrow();
        assertThat(ready.handover().readyAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(ready.handover().pickupCode()).isEqualTo(codes.of(order.orderId())).hasSize(6);
        assertThat(first).isEqualTo(new HandoverOutcome.Done(ready, true));
        assertThat(again).isEqualTo(new HandoverOutcome.Done(ready, false));
        assertThat(table.events()).filteredOn(e -> e instanceof DomainEvent.PickupReady).singleElement()
                .isEqualTo(new DomainEvent.PickupReady("evt_" + order.orderId() + "_PickupReady",
                        NOW.plus(Duration.ofHours(1)), Drops.DROP, order.orderId(), order.buyerId().value(),
                        Drops.HUB, null));
    }

    @Test
    void collected_needsTheCode_inAnyCase_andIsIdempotent() {
        Order order = paid(new Fulfilment.Pickup(Drops.HUB));
        String code = codes.of(order.orderId());
        assertThat(service.collected(Drops.DROP, order.orderId(), code)).as("not ready yet")
                .isEqualTo(new HandoverOutcome.Refused("not-ready", "Order " + order.orderId()
                        + " is not ready for collection yet: mark it ready first."));
        service.ready(Drops.DROP, order.orderId());
        Order ready = table.find(order.orderId()).orElseThrow();

        assertThat(service.collected(Drops.DROP, order.orderId(), wrong(code)))
                .isEqualTo(new HandoverOutcome.WrongCode());
        assertThat(table.find(order.orderId()).orElseThrow()).as("nothing changed").isEqualTo(ready);

        assertThat(service.collected(Drops.DROP, order.orderId(), " " + code.toLowerCase() + " "))
                .isInstanceOfSatisfying(HandoverOutcome.Done.class, done -> assertThat(done.changed()).isTrue());
        assertThat(service.collected(Drops.DROP, order.orderId(), code))
                .isInstanceOfSatisfying(HandoverOutcome.Done.class, done -> assertThat(done.changed()).isFalse());
        assertThat(table.events()).filteredOn(e -> e instanceof DomainEvent.PickupCollected).hasSize(1);
    }

    @Test
    void onlyAPaidOrderOfTheRightKind_isHandedOver() {
        Order shipment = paid(SHIP);
        Order unpaid = held(new Fulfilment.Pickup(Drops.HUB));
        Order pickup = paid(new Fulfilment.Pickup(Drops.HUB));

        assertThat(service.ready(Drops.DROP, shipment.orderId())).isInstanceOfSatisfying(
                HandoverOutcome.Refused.class, r -> assertThat(r.reason()).isEqualTo("not-pickup"));
        assertThat(service.ready(Drops.DROP, unpaid.orderId())).isInstanceOfSatisfying(
                HandoverOutcome.Refused.class, r -> assertThat(r.reason()).isEqualTo("not-paid"));
        assertThat(service.shipped(Drops.DROP, pickup.orderId(), new Shipment("DHL", "JJD1"))).isInstanceOfSatisfying(
                HandoverOutcome.Refused.class, r -> assertThat(r.reason()).isEqualTo("not-shipment"));
        assertThat(service.ready("other-drop", pickup.orderId())).isEqualTo(new HandoverOutcome.NoSuchOrder());
        assertThat(service.ready(Drops.DROP, "ord_missing")).isEqualTo(new HandoverOutcome.NoSuchOrder());
        assertThat(table.events()).noneMatch(e -> e instanceof DomainEvent.PickupReady);
    }

    @Test
    void shipped_isIdempotentForTheSameNumber_andRefusesAnother() {
        Order order = paid(SHIP);

        assertThat(service.shipped(Drops.DROP, order.orderId(), new Shipment("DHL", "JJD1")))
                .isInstanceOfSatisfying(HandoverOutcome.Done.class, done -> assertThat(done.changed()).isTrue());
        assertThat(service.shipped(Drops.DROP, order.orderId(), new Shipment("DHL", "JJD1")))
                .isInstanceOfSatisfying(HandoverOutcome.Done.class, done -> assertThat(done.changed()).isFalse());
        assertThat(service.shipped(Drops.DROP, order.orderId(), new Shipment("DHL", "JJD2")))
                .isInstanceOfSatisfying(HandoverOutcome.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo("shipped-otherwise"));
        assertThat(table.find(order.orderId()).orElseThrow().handover().trackingNumber()).isEqualTo("JJD1");
    }

    @Test
    void aShipment_isValidatedAndBounded() {
        assertThat(Shipment.of(" DHL Express ", "JJD-0001")).isEqualTo(
                new dev.microdrop.core.checkout.Validated.Valid<>(new Shipment("DHL Express", "JJD-0001")));
        assertThat(Shipment.of("", "x".repeat(65))).isInstanceOfSatisfying(
                dev.microdrop.core.checkout.Validated.Invalid.class,
                invalid -> assertThat(invalid.violations()).hasSize(2));
    }

    @Test
    void pickupCodes_areSixUnambiguousCharacters_perOrderAndKey() {
        String code = codes.of("ord_01");
        assertThat(code).hasSize(6).matches("[0-9A-HJKMNP-TV-Z]{6}").isEqualTo(codes.of("ord_01"));
        assertThat(codes.of("ord_02")).isNotEqualTo(code);
        assertThat(new PickupCodes("another-key-of-32-bytes-........".getBytes(StandardCharsets.UTF_8)).of("ord_01"))
                .isNotEqualTo(code);
        assertThat(PickupCodes.matches(code, code.toLowerCase())).isTrue();
        assertThat(PickupCodes.matches(code, wrong(code))).isFalse();
        assertThat(PickupCodes.matches(null, code)).isFalse();
    }

    private static String wrong(String code) {
        return (code.charAt(0) == '0' ? "1" : "0") + code.substring(1);
    }

    private Order held(Fulfilment fulfilment) {
        BuyerIds buyers = new BuyerIds(KEY);
        OrderLine line = new OrderLine("A", 1, Drops.PRICE);
        Order order = new Order(ids.next(NOW), Drops.DROP, buyers.of("ada@example.com"), "ada@example.com",
                List.of(line), line.total(), fulfilment, OrderStatus.HELD, NOW, NOW.plus(Duration.ofMinutes(10)));
        table.hold(new HoldRequest(order, "key-" + order.orderId(), "fp", 4, NOW));
        return order;
    }

    private Order paid(Fulfilment fulfilment) {
        Order order = held(fulfilment);
        table.apply(new Transition(order, Set.of(OrderStatus.HELD), OrderStatus.PAID, StockMove.SALE, 0, List.of(),
                "evt_pay_" + order.orderId(), null, Map.of("paidAt", NOW.toString()), "payment succeeded", NOW));
        return table.find(order.orderId()).orElseThrow();
    }
}
