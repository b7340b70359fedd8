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
    void earlyAccessShares_mayChangeUntilTheFirstWave_thenNot() {
        Insiders published = new Insiders(OPENS.minus(Duration.ofHours(1)), 1_000, 1,
                List.of(new Insiders.Layer("past-buyers", OPENS.minus(Duration.ofMinutes(30)), 2_000)));
        Insiders movedLater = new Insiders(OPENS.minus(Duration.ofMinutes(50)), 1_000, 2,
                List.of(new Insiders.Layer("past-buyers", OPENS.minus(Duration.ofMinutes(20)), 2_000)));
        Insiders otherShare = new Insiders(OPENS.minus(Duration.ofHours(1)), 1_000, 1,
                List.of(new Insiders.Layer("past-buyers", OPENS.minus(Duration.ofMinutes(30)))));
        Drop withOtherShare = withInsiders(otherShare);

        assertThat(Republish.refusals(withOtherShare, published(published, 0))).as("before the first wave").isEmpty();
        assertThat(Republish.refusals(withInsiders(movedLater),
                published(published, 1))).as("times and limits, not shares").isEmpty();
        assertThat(Republish.refusals(withOtherShare, published(published, 1))).containsExactly(
                "insiders: the first wave is out, so early access's reserved shares (the insiders' and each layer's "
                        + "own) cannot change: published {insiders=1000, past-buyers=2000}, asked for {insiders=1000}");
    }

    private static Drop withInsiders(Insiders insiders) {
        Sku b = new Sku("B", "p", "Product", "One", Money.of(900, "EUR"), 10, Map.of("berlin", 6, "hamburg", 4));
        Drop plain = drop("EUR", sku("A", 7), b);
        return new Drop(plain.dropId(), plain.name(), plain.currency(), plain.opensAt(), plain.closesAt(),
                plain.perBuyerLimit(), plain.holdDuration(), plain.shipping(), plain.hubs(), plain.skus(),
                plain.wavePlan(), true, insiders);
    }

    private static Republish.Published published(Insiders insiders, int wavesReleased) {
        return new Republish.Published("EUR", PUBLISHED.skus(), insiders, wavesReleased);
    }

    @Test
    void aPublishedSku_cannotBeRemoved_norItsShardsChanged() {
        Sku sharded = new Sku("A", "p", "Product", "One", Money.of(900, "EUR"), 10, Map.of(), List.of(), 4);

        assertThat(Republish.refusals(drop("EUR", sharded), PUBLISHED)).containsExactly(
                "SKU B: it was published and cannot be removed; set its units to what is held or sold instead",
                "SKU A: its stock shards cannot change once published (published 1, asked for 4)");
    }
}
