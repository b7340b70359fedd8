package dev.microdrop.core.merchant;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The merchant's hands on a drop's stock: a ledgered adjustment ({@code .../stock}), a flash restock for insiders
 * ({@code .../flash-restock}), pause and resume. Each is one conditional write; what it found decides the answer.
 */
public final class StockDesk {

    /** What an adjustment came to. */
    public sealed interface Adjustment {
    }

    /** The units were added (or taken away) and ledgered. */
    public record Adjusted(String dropId, String sku, int delta) implements Adjustment {
    }

    /** Fewer units were available than the adjustment takes away ({@code available} as last seen); nothing changed. */
    public record Short(String sku, int available) implements Adjustment {
    }

    /** What a flash restock came to. */
    public sealed interface Restock {
    }

    /** The units are on sale to insiders until {@code until}; {@code tokens} for the e-mails given. */
    public record Restocked(String dropId, String sku, int units, Instant until, List<InsiderPasses.Pass> tokens)
            implements Restock {
        public Restocked {
            tokens = List.copyOf(tokens);
        }
    }

    /** The drop is not open; nothing changed. */
    public record NotOpen(Instant opensAt, Instant closesAt, Instant now) implements Restock {
    }

    /** A flash window of the SKU still runs ({@code until}, as last seen; null if the cache did not know). */
    public record WindowRunning(String sku, Instant until) implements Restock {
    }

    /** Checkouts kept colliding with the write; nothing changed, the merchant may send it again. */
    public record Busy() implements Restock {
    }

    private final StockAdjustments adjustments;
    private final DropPauses pauses;
    private final InsiderPasses passes;
    private final Clock clock;

    public StockDesk(StockAdjustments adjustments, DropPauses pauses, InsiderPasses passes, Clock clock) {
        this.adjustments = adjustments;
        this.pauses = pauses;
        this.passes = passes;
        this.clock = clock;
    }

    /** {@code delta} units of {@code sku} (of hub {@code hubId} for a SKU split by hub), with its reason. */
    public Adjustment adjust(DropSnapshot snapshot, String sku, String hubId, int delta, String reason) {
        String dropId = snapshot.drop().dropId();
        if (!adjustments.adjust(dropId, sku, hubId, delta, reason, clock.instant())) {
            return new Short(sku, snapshot.stockOf(sku).map(level -> level.available(hubId)).orElse(0));
        }
        return new Adjusted(dropId, sku, delta);
    }

    /**
     * {@code units} more of {@code sku}, for insiders only for {@code minutes}: until then only buyers with an access
     * token hold the SKU, from that tranche; afterwards the units are everyone's. The window ends on a whole second,
     * with the tokens issued for {@code emails}. Which SKUs may be restocked so is {@link InsiderAccess}'s rule.
     */
    public Restock flashRestock(DropSnapshot snapshot, String sku, int units, int minutes, List<String> emails) {
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

    /** Once a pause answers, no checkout holds stock of the drop until the resume answers. Idempotent. */
    public PauseResult pause(String dropId) {
        return pauses.pause(dropId, clock.instant());
    }

    public PauseResult resume(String dropId) {
        return pauses.resume(dropId, clock.instant());
    }
}
