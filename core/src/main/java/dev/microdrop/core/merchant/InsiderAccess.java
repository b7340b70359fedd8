package dev.microdrop.core.merchant;

import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.Sku;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * What the merchant may hand insiders, decided from the drop as last read: until when a new access token is good,
 * and which SKUs a flash restock may use.
 */
public final class InsiderAccess {

    /** Until when tokens issued now would work, or why none may be issued. */
    public sealed interface TokenWindow {
    }

    /** Good until {@code until}: the public opening, or a running flash window's end if that is later. */
    public record Until(Instant until) implements TokenWindow {
    }

    /** The drop has no early access and no flash window runs: there is nothing a token could open. */
    public record NoEarlyAccess() implements TokenWindow {
    }

    /**
     * Early access ended at {@code endedAt} (the public opening) and no flash window runs: a token would be dead on
     * arrival, and counting its buyer as a notified insider would flatter the KPIs.
     */
    public record Over(Instant endedAt) implements TokenWindow {
    }

    private InsiderAccess() {
    }

    public static TokenWindow tokenWindow(DropSnapshot snapshot, Instant now) {
        Optional<Instant> flashEnd = snapshot.flashUntil().values().stream().filter(now::isBefore)
                .max(Comparator.naturalOrder());
        Instant opensAt = snapshot.drop().opensAt();
        if (snapshot.drop().insiders() == null && flashEnd.isEmpty()) {
            return new NoEarlyAccess();
        }
        Instant until = flashEnd.filter(end -> end.isAfter(opensAt)).orElse(opensAt);
        return until.isAfter(now) ? new Until(until) : new Over(opensAt);
    }

    /**
     * Why {@code sku} cannot take a flash restock, or empty when it can. The restock's units and window live on the
     * SKU item, while a SKU split by hub or sharded sells from other items: not supported for them yet.
     */
    public static Optional<String> flashRestockRefusal(Sku sku) {
        return sku.splitByHub() || sku.sharded()
                ? Optional.of("SKU " + sku.sku() + " is split by hub or sharded: a flash restock is not supported for "
                        + "it yet; adjust its stock instead")
                : Optional.empty();
    }
}
