package dev.microdrop.core.drop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a drop published again may change, and what it may not: the rule on facts, no I/O. */
class RepublishTest {

    private static final Instant OPENS = Instant.parse("2026-12-02T18:00:00Z");

    private static Drop drop(String currency, Sku... skus) {
        return new Drop("re-drop", "Again", Currency.getInstance(currency), OPENS, OPENS.plus(Duration.ofDays(1)), 2,
                Duration.ofMinutes(10), true, List.of(new PickupHub("berlin", "Berlin"), new PickupHub("hamburg",
                "Hamburg")), List.of(skus), WavePlan.standard(OPENS));
    }

    private static Sku sku(String id, int units) {
        return sku(id, units, "EUR");
    }

    private static Sku sku(String id, int units, String currency) {
        return new Sku(id, "p", "Product", "One", Money.of(900, currency), units);
    }

    private static final Republish.Published PUBLISHED = new Republish.Published("EUR", List.of(
            new Republish.PublishedSku("A", Map.of(), 1, 7),
            new Republish.PublishedSku("B", Map.of("berlin", 6, "hamburg", 4), 1, 0)));

    @Test
    void namesPricesAndUnitsAboveWhatIsCommitted_mayChange() {
        Sku b = new Sku("B", "p2", "Renamed", "One", Money.of(1_200, "EUR"), 10, Map.of("berlin", 6, "hamburg", 4));

        assertThat(Republish.refusals(drop("EUR", sku("A", 7), b, sku("C", 5)), PUBLISHED)).isEmpty();
    }

    @Test
    void everyReasonIsGivenAtOnce() {
        Sku b = new Sku("B", "p2", "B", "One", Money.of(900, "USD"), 10, Map.of("berlin", 5, "hamburg", 5));

        assertThat(Republish.refusals(drop("USD", sku("A", 6, "USD"), b), PUBLISHED)).containsExactly(
                "currency: the drop sells in EUR and cannot change currency once published",
                "SKU A: 7 units are held or sold; its units cannot go below 7 (asked for 6)",
                "SKU B: its split across hubs cannot change once published (published " + Map.of("berlin", 6,
                        "hamburg", 4) + ", asked for " + Map.of("berlin", 5, "hamburg", 5) + "); move a hub's units "
                        + "with a stock adjustment instead");
    }

    @Test
    void aPublishedSku_cannotBeRemoved_norItsShardsChanged() {
        Sku sharded = new Sku("A", "p", "Product", "One", Money.of(900, "EUR"), 10, Map.of(), List.of(), 4);

        assertThat(Republish.refusals(drop("EUR", sharded), PUBLISHED)).containsExactly(
                "SKU B: it was published and cannot be removed; set its units to what is held or sold instead",
                "SKU A: its stock shards cannot change once published (published 1, asked for 4)");
    }
}
