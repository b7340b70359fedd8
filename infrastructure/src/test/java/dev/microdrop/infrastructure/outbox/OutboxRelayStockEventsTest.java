package dev.microdrop.infrastructure.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.infrastructure.events.OutboxEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A sold-out is stamped with when the table changed, not when the relay read the change. */
class OutboxRelayStockEventsTest {

    private static final Instant CHANGED = Instant.parse("2026-12-05T11:00:07Z");
    private static final Instant READ_LATE = CHANGED.plusSeconds(40);

    private final OutboxRelay relay = new OutboxRelay(null, null, null, Clock.fixed(READ_LATE, ZoneOffset.UTC));

    @Test
    void aSoldOutReadLate_carriesTheChangesOwnTime() {
        List<OutboxEvent> events = relay.stockEvents(lastUnitHeld(CHANGED));

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.detailType()).isEqualTo("SoldOut");
            assertThat(event.time()).isEqualTo(CHANGED);
        });
    }

    @Test
    void aChangeWithoutItsTime_isStampedWhenRead() {
        assertThat(relay.stockEvents(lastUnitHeld(null))).singleElement()
                .satisfies(event -> assertThat(event.time()).isEqualTo(READ_LATE));
    }

    private static StreamChange lastUnitHeld(Instant changedAt) {
        Map<String, AttributeValue> old = Map.of("pk", AttributeValue.fromS("DROP#neon"), "type",
                AttributeValue.fromS("Sku"), "sku", AttributeValue.fromS("NR-42"), "released", AttributeValue.fromN("10"),
                "available", AttributeValue.fromN("1"));
        Map<String, AttributeValue> now = new java.util.HashMap<>(old);
        now.put("available", AttributeValue.fromN("0"));
        return new StreamChange("MODIFY", "100000000000000000009", now, old, changedAt);
    }
}
