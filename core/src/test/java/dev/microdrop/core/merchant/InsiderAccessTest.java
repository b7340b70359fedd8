package dev.microdrop.core.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.Insiders;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.WavePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Until when an insider's token is good, and which SKUs a flash restock may use: rules on the drop, no I/O. */
class InsiderAccessTest {

    private static final Instant OPENS = Instant.parse("2026-12-02T18:00:00Z");

    private static Drop drop(Insiders insiders, Sku... skus) {
        return new Drop("early-drop", "Early", Currency.getInstance("EUR"), OPENS, OPENS.plus(Duration.ofDays(1)), 2,
                Duration.ofMinutes(10), true, List.of(new PickupHub("hub", "Hub")), List.of(skus),
                WavePlan.standard(OPENS), true, insiders);
    }

    private static DropSnapshot snapshot(Drop drop, Map<String, Instant> flashUntil) {
        return new DropSnapshot(drop, Map.of(), OPENS, Map.of(), false, flashUntil);
    }

    private static final Sku PLAIN = new Sku("A", "a", "A", "One", Money.of(900, "EUR"), 10);
    private static final Insiders EARLY = new Insiders(OPENS.minus(Duration.ofHours(1)), 1_000, 1);

    @Test
    void beforeTheOpening_aTokenIsGoodUntilTheOpening() {
        assertThat(InsiderAccess.tokenWindow(snapshot(drop(EARLY, PLAIN), Map.of()), OPENS.minusSeconds(60)))
                .isEqualTo(new InsiderAccess.Until(OPENS));
    }

    @Test
    void onceOpen_noTokenIsIssued_unlessAFlashWindowRuns_thenItIsGoodUntilTheWindowEnds() {
        Instant later = OPENS.plus(Duration.ofHours(3));
        assertThat(InsiderAccess.tokenWindow(snapshot(drop(EARLY, PLAIN), Map.of()), later))
                .isEqualTo(new InsiderAccess.Over(OPENS));
        assertThat(InsiderAccess.tokenWindow(snapshot(drop(EARLY, PLAIN), Map.of("A", later.plusSeconds(900))), later))
                .isEqualTo(new InsiderAccess.Until(later.plusSeconds(900)));
        assertThat(InsiderAccess.tokenWindow(snapshot(drop(EARLY, PLAIN), Map.of("A", later.minusSeconds(1))), later))
                .as("a window that has ended").isEqualTo(new InsiderAccess.Over(OPENS));
    }

    @Test
    void aDropWithoutEarlyAccess_issuesTokensOnlyForARunningFlashWindow() {
        Instant later = OPENS.plus(Duration.ofHours(3));
        assertThat(InsiderAccess.tokenWindow(snapshot(drop(null, PLAIN), Map.of()), later))
                .isEqualTo(new InsiderAccess.NoEarlyAccess());
        assertThat(InsiderAccess.tokenWindow(snapshot(drop(null, PLAIN), Map.of("A", later.plusSeconds(60))), later))
                .isEqualTo(new InsiderAccess.Until(later.plusSeconds(60)));
    }

    @Test
    void aFlashRestock_takesSkusSoldFromOneItemOnly() {
        Sku split = new Sku("B", "b", "B", "One", Money.of(900, "EUR"), 10, Map.of("hub", 6, "other", 4));

        assertThat(InsiderAccess.flashRestockRefusal(PLAIN)).isEmpty();
        assertThat(InsiderAccess.flashRestockRefusal(split)).hasValueSatisfying(why -> assertThat(why)
                .contains("SKU B is split by hub or sharded"));
    }
}
