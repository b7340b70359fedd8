package dev.microdrop.core.merchant;

import dev.microdrop.core.drop.DropSnapshot;
import java.time.Clock;

/** {@code POST .../stock}: a ledgered adjustment of a SKU's units (of one hub's, for a SKU split by hub). */
public final class AdjustStock {

    /** What an adjustment came to. */
    public sealed interface Outcome {
    }

    /** The units were added (or taken away) and ledgered. */
    public record Adjusted(String dropId, String sku, int delta) implements Outcome {
    }

    /** Fewer units were available than the adjustment takes away ({@code available} as last seen); nothing changed. */
    public record Short(String sku, int available) implements Outcome {
    }

    private final StockAdjustments adjustments;
    private final Clock clock;

    public AdjustStock(StockAdjustments adjustments, Clock clock) {
        this.adjustments = adjustments;
        this.clock = clock;
    }

    /** {@code delta} units of {@code sku} (of hub {@code hubId} for a SKU split by hub), with its reason. */
    public Outcome adjust(DropSnapshot snapshot, String sku, String hubId, int delta, String reason) {
        String dropId = snapshot.drop().dropId();
        if (!adjustments.adjust(dropId, sku, hubId, delta, reason, clock.instant())) {
            return new Short(sku, snapshot.stockOf(sku).map(level -> level.available(hubId)).orElse(0));
        }
        return new Adjusted(dropId, sku, delta);
    }
}
