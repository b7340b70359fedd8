package dev.microdrop.core.merchant;

import java.util.List;
import java.util.Map;

/**
 * A drop's numbers for its merchant. Rates are fractions (0..1), null when nothing qualifies yet (no finished
 * holds, nothing released); money in minor units.
 *
 * @param sellThrough7d    units paid within 7 days of opening ÷ total units
 * @param holdToPaid       paid (incl. later refunded) ÷ holds that finished (paid, refunded, expired, cancelled)
 * @param repeatBuyerRate  buyers of this drop who also bought in another drop ÷ buyers of this drop
 * @param feesMinorUnits   estimated payment fees (the configured percentage plus fixed fee per paid order)
 * @param qualifiedDemandRate buyers who showed demand (a pre-order or a waitlist entry) ÷ buyers microdrop notified
 *                        (issued an insider's access token, or offered a waitlist claim); null when nobody was
 *                        notified. It can exceed 1: anyone who met "sold out" may join a waitlist
 * @param waitlistConversion waitlist claims whose order was paid ÷ claims offered; null when none was offered
 * @param demand          the counts both rates are made of
 */
public record DropKpis(
        String dropId,
        String currency,
        int totalUnits,
        int released,
        int available,
        int held,
        int sold,
        Double sellThrough,
        Double sellThrough7d,
        Double sellThrough30d,
        Double holdToPaid,
        Double repeatBuyerRate,
        Double qualifiedDemandRate,
        Double waitlistConversion,
        long revenueMinorUnits,
        long refundedMinorUnits,
        long feesMinorUnits,
        long netRevenueMinorUnits,
        Map<String, Long> ordersByStatus,
        List<WaveKpis> waves,
        Demand demand) {

    /**
     * @param preOrders         distinct buyers with a pre-order whose deposit was paid
     * @param waitlistEntries   waitlist places (one per buyer and SKU)
     * @param waitlistBuyers    distinct buyers with a waitlist place
     * @param claimsOffered     waitlist places offered a claim
     * @param claimsPaid        of those, claims whose order was paid (refunded later included)
     * @param insidersNotified  distinct buyers issued an access token (early access or a flash restock)
     * @param buyersNotified    distinct buyers issued a token or offered a claim
     */
    public record Demand(int preOrders, int waitlistEntries, int waitlistBuyers, int claimsOffered, int claimsPaid,
                         int insidersNotified, int buyersNotified) {
    }

    /**
     * Per wave: when it is due for everyone ({@code at}, the catalog's time for the wave: the public opening for
     * wave 1), when its units went out ({@code releasedAt}: for wave 1 of a drop with early access, when early
     * access began), units it released, and units paid for from {@code releasedAt} until the next wave went out.
     */
    public record WaveKpis(int wave, String at, String releasedAt, int unitsReleased, int unitsSold) {
    }
}
