package dev.microdrop.core.stock;

import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.order.Fulfilment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Why the hold's one conditional write was refused, decided from what the refusal returned. The inventory adapter
 * reports facts (for each line whose condition failed, what its stock item said; whether the buyer's total or the
 * slot's seat refused); this decides what they mean for the buyer, in the order a buyer should hear them: the sale
 * is not open for them, the drop is paused, the SKU's flash window is not theirs, the slot is full, the limit is
 * reached, or units are short (for an insider, short of their tranche: the insiders' or their layer's own).
 */
public final class HoldRefusal {

    /**
     * What the stock item of a refused line said when the write was refused.
     *
     * @param insiderOpensAt   when the drop's early access opens, or null if it has none
     * @param flashUntil       the end of the SKU's last flash window, or null if it never had one
     * @param insiderReserved  the units of the insiders' tranche (early access or flash) left on the item
     * @param layerReserved    the units left on the item of the hold's access layer's own tranche (0 when the hold
     *                         draws from no layer's tranche, or the item has none)
     */
    public record LineSeen(StockLevel level, Instant opensAt, Instant closesAt, Instant insiderOpensAt,
                           boolean paused, Instant flashUntil, int insiderReserved, int layerReserved) {

        public LineSeen(StockLevel level, Instant opensAt, Instant closesAt, Instant insiderOpensAt, boolean paused,
                Instant flashUntil, int insiderReserved) {
            this(level, opensAt, closesAt, insiderOpensAt, paused, flashUntil, insiderReserved, 0);
        }
    }

    /**
     * @param lines      one entry per line of the order whose condition failed, in the order's line order
     * @param buyerShort the buyer's running total refused the units (the per-buyer limit), with what it held
     * @param slotFull   the pickup slot's seat refused
     */
    public record Facts(List<LineSeen> lines, Optional<Integer> buyerShort, boolean slotFull) {

        public Facts {
            lines = List.copyOf(lines);
        }
    }

    private HoldRefusal() {
    }

    /** What the refusal means, or empty when the facts name no cause (a conflict: the caller retries). */
    public static Optional<HoldResult> of(HoldRequest request, Facts facts) {
        List<StockLevel> short_ = new ArrayList<>();
        for (LineSeen seen : facts.lines()) {
            if (!(request.insider() ? insiderWindowOpen(seen, request.now()) : open(seen, request.now()))) {
                return Optional.of(new HoldResult.NotOpen());
            }
            if (seen.paused()) {
                return Optional.of(new HoldResult.Paused());
            }
            String sku = seen.level().sku();
            boolean flash = request.flashSkus().contains(sku);
            boolean inWindow = seen.flashUntil() != null && request.now().isBefore(seen.flashUntil());
            if (!request.insider() && flash != inWindow) {
                return Optional.of(new HoldResult.FlashWindow(sku, seen.flashUntil()));
            }
            StockLevel level = seen.level();
            // For an insider, what is left is what is left of their tranche: their layer's own, or the insiders'.
            int tranche = request.layer() != null ? seen.layerReserved() : seen.insiderReserved();
            short_.add(request.insider() || flash ? new StockLevel(level.sku(), level.released(),
                    Math.min(level.available(), tranche), level.held(), level.sold(), level.hubs(),
                    level.shards(), level.shard()) : level);
        }
        if (request.order().fulfilment() instanceof Fulfilment.Pickup pickup && pickup.slotId() != null
                && facts.slotFull() && short_.isEmpty()) {
            return Optional.of(new HoldResult.SlotFull(pickup.hubId(), pickup.slotId()));
        }
        if (facts.buyerShort().isPresent()) {
            return Optional.of(new HoldResult.OverLimit(facts.buyerShort().get()));
        }
        return short_.isEmpty() ? Optional.empty() : Optional.of(new HoldResult.OutOfStock(short_));
    }

    private static boolean open(LineSeen seen, Instant now) {
        return !seen.opensAt().isAfter(now) && seen.closesAt().isAfter(now);
    }

    private static boolean insiderWindowOpen(LineSeen seen, Instant now) {
        return seen.insiderOpensAt() != null && !seen.insiderOpensAt().isAfter(now) && seen.closesAt().isAfter(now);
    }
}
