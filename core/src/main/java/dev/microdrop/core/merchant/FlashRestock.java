package dev.microdrop.core.merchant;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@code POST .../flash-restock}: units added to a SKU for insiders only, for a while: until then only buyers with an
 * access token hold the SKU, from that tranche; afterwards the units are everyone's. Which SKUs may be restocked so
 * is {@link InsiderAccess}'s rule.
 */
public final class FlashRestock {

    /** What a flash restock came to. */
    public sealed interface Outcome {
    }

    /** The units are on sale to insiders until {@code until}; {@code tokens} for the e-mails given. */
    public record Restocked(String dropId, String sku, int units, Instant until, List<InsiderPasses.Pass> tokens)
            implements Outcome {
        public Restocked {
            tokens = List.copyOf(tokens);
        }
    }

    /** The drop is not open; nothing changed. */
    public record NotOpen(Instant opensAt, Instant closesAt, Instant now) implements Outcome {
    }

    /** A flash window of the SKU still runs ({@code until}, as last seen; null if the cache did not know). */
    public record WindowRunning(String sku, Instant until) implements Outcome {
    }

    /** Checkouts kept colliding with the write; nothing changed, the merchant may send it again. */
    public record Busy() implements Outcome {
    }

    private final StockAdjustments adjustments;
    private final InsiderPasses passes;
    private final Clock clock;

    public FlashRestock(StockAdjustments adjustments, InsiderPasses passes, Clock clock) {
        this.adjustments = adjustments;
        this.passes = passes;
        this.clock = clock;
    }

    /** {@code units} more of {@code sku} for {@code minutes}; the window ends on a whole second, with the tokens. */
    public Outcome restock(DropSnapshot snapshot, String sku, int units, int minutes, List<String> emails) {
        Instant now = clock.instant();
        Instant until = now.plus(Duration.ofMinutes(minutes)).truncatedTo(ChronoUnit.SECONDS);
        Drop drop = snapshot.drop();
        return switch (adjustments.flashRestock(drop.dropId(), sku, units, until, now)) {
            case RESTOCKED -> new Restocked(drop.dropId(), sku, units, until, passes.issue(drop.dropId(), emails, until));
            case DROP_NOT_OPEN -> new NotOpen(drop.opensAt(), drop.closesAt(), now);
            case WINDOW_RUNNING -> new WindowRunning(sku,
                    snapshot.inFlashWindow(sku, now) ? snapshot.flashUntil().get(sku) : null);
            case BUSY -> new Busy();
        };
    }
}
