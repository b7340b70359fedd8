package dev.microdrop.catalog;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.DropSummary;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.drop.WavePlan;
import dev.microdrop.function.snapstart.Primer;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one drop the catalog's primer renders whatever the table holds: {@link Primer#DROP_ID}, open, one SKU, held
 * in memory. Priming reads it through a second handler built on the same {@code Responses} (so the same JSON
 * mapper and its serialisers), which runs the page's code (view, JSON, ETag, headers) before the snapshot even
 * when no drop is published yet, as on the first deploy of a drop's stack.
 */
final class PrimingDrop implements DropReader {

    private static final String SKU = "PRIMING-1";

    private final DropSnapshot snapshot;

    PrimingDrop(Instant now) {
        Instant opensAt = now.minus(Duration.ofHours(1));
        Drop drop = new Drop(Primer.DROP_ID, "Priming", Currency.getInstance("EUR"), opensAt,
                now.plus(Duration.ofDays(1)), 2, Duration.ofMinutes(10), true, List.of(new PickupHub("hub", "Hub")),
                List.of(new Sku(SKU, "priming", "Priming", "One size", Money.of(100, "EUR"), 10, Map.of(), List.of())),
                WavePlan.standard(opensAt));
        this.snapshot = new DropSnapshot(drop, Map.of(SKU, new StockLevel(SKU, 4, 3, 1, 0)), now);
    }

    @Override
    public Optional<DropSnapshot> read(String dropId) {
        return snapshot.drop().dropId().equals(dropId) ? Optional.of(snapshot) : Optional.empty();
    }

    @Override
    public List<DropSummary> list() {
        return List.of();
    }
}
