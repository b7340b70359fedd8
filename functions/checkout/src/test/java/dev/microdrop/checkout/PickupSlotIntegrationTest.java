package dev.microdrop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.Slot;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.dynamodb.TableKeys;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Slot capacity is inventory: a storm of pickup checkouts never books more seats than a slot has. */
class PickupSlotIntegrationTest {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Slot slot = Slot.of(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)), 5);

    @Test
    void aCheckoutStorm_neverOverbooksASlot_andAFullSlotHoldsNothing() throws Exception {
        Drop base = TestDrops.open(now, 2, 100, "A");
        Drop drop = new Drop(base.dropId(), base.name(), base.currency(), base.opensAt(), base.closesAt(), 2,
                base.holdDuration(), false, List.of(new PickupHub(TestDrops.HUB, "Hub One", List.of(slot))), base.skus(),
                base.wavePlan());
        CheckoutFixture fixture = new CheckoutFixture(drop, LocalDynamoDb.client(), Clock.systemUTC(), Duration.ZERO);

        Map<Integer, AtomicInteger> statuses = CheckoutConcurrencyIntegrationTest.storm(200, i -> fixture.post(
                "slot-key-" + i, body("buyer" + i + "@example.com", slot.slotId())));

        assertThat(statuses.get(201).get()).isEqualTo(5);
        Map<String, AttributeValue> seats = LocalDynamoDb.client().getItem(r -> r.tableName(fixture.table)
                .key(TableKeys.slot(TestDrops.DROP, TestDrops.HUB, slot.slotId())).consistentRead(true)).item();
        assertThat(seats.get("taken").n()).isEqualTo("5");
        assertThat(CheckoutConcurrencyIntegrationTest.stock(fixture.table, "A").held()).isEqualTo(5);

        var before = LocalDynamoDb.scan(fixture.table);
        APIGatewayV2HTTPResponse full = fixture.post("slot-key-late", body("late@example.com", slot.slotId()));
        APIGatewayV2HTTPResponse noSlot = fixture.post("slot-key-none", body("none@example.com", null));
        assertThat(full.getStatusCode()).isEqualTo(409);
        assertThat(CheckoutFixture.json(full).get("type").asText()).endsWith("/slot-full");
        assertThat(noSlot.getStatusCode()).isEqualTo(422);
        assertThat(LocalDynamoDb.scan(fixture.table)).isEqualTo(before);
    }

    @Test
    void anExpiredPickupHold_givesItsSeatBack() throws Exception {
        Drop base = TestDrops.open(now, 2, 100, "A");
        Drop drop = new Drop(base.dropId(), base.name(), base.currency(), base.opensAt(), base.closesAt(), 2,
                Duration.ofMinutes(10), false, List.of(new PickupHub(TestDrops.HUB, "Hub One", List.of(slot))),
                base.skus(), base.wavePlan());
        dev.microdrop.core.testing.MutableClock clock = new dev.microdrop.core.testing.MutableClock(now);
        CheckoutFixture fixture = new CheckoutFixture(drop, LocalDynamoDb.client(), clock, Duration.ZERO);
        String orderId = CheckoutFixture.json(fixture.post("seat-key-1", body("seat@example.com", slot.slotId())))
                .get("orderId").asText();
        dev.microdrop.core.lifecycle.OrderLifecycle lifecycle = new dev.microdrop.core.lifecycle.OrderLifecycle(
                new dev.microdrop.infrastructure.dynamodb.DynamoDbOrderStore(LocalDynamoDb.client(), fixture.table, clock),
                new dev.microdrop.infrastructure.dynamodb.DynamoDbDropReader(LocalDynamoDb.client(), fixture.table, clock),
                fixture.payments, clock);

        clock.advance(Duration.ofMinutes(11));
        lifecycle.expire(orderId);

        assertThat(LocalDynamoDb.client().getItem(r -> r.tableName(fixture.table)
                .key(TableKeys.slot(TestDrops.DROP, TestDrops.HUB, slot.slotId())).consistentRead(true)).item()
                .get("taken").n()).isEqualTo("0");
    }

    private static String body(String email, String slotId) {
        return "{\"dropId\":\"" + TestDrops.DROP + "\",\"lines\":[{\"sku\":\"A\",\"quantity\":1}],\"buyer\":{\"email\":\""
                + email + "\"},\"fulfilment\":{\"type\":\"pickup\",\"hubId\":\"" + TestDrops.HUB + "\""
                + (slotId == null ? "" : ",\"slotId\":\"" + slotId + "\"") + "}}";
    }
}
