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
 * @param fulfilment      how the paid orders are being handed over
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
        Demand demand,
        FulfilmentKpis fulfilment) {

    /**
     * The hand-over of the orders paid now (refunded ones left out).
     *
     * @param pickupOrders      paid orders collected at a hub
     * @param shipOrders        paid orders shipped to an address
     * @param ready             pickup orders made ready
     * @param collected         of those, collected
     * @param shipped           shipments handed to a carrier
     * @param paidToReady       seconds from payment to ready, over the ready pickup orders
     * @param readyToCollected  seconds from ready to collected, over the collected ones
     * @param paidToShipped     seconds from payment to shipped, over the shipped ones
     * @param pickupPromiseDue  pickup orders at a hub with a {@code pickupPromise} that are ready, or whose promise
     *                          ran out unready
     * @param pickupPromiseKept of those, the share made ready within their hub's promise (counted from payment); null
     *                          when no hub of the drop promises anything, or none is due yet
     */
    public record FulfilmentKpis(int pickupOrders, int shipOrders, int ready, int collected, int shipped,
                                 Percentiles paidToReady, Percentiles readyToCollected, Percentiles paidToShipped,
                                 int pickupPromiseDue, Double pickupPromiseKept) {
    }

    /**
     * Durations in whole seconds, by the nearest-rank method (the smallest value at least {@code p} of the samples
     * are at or below); both null when there is no sample.
     */
    public record Percentiles(int samples, Long p50Seconds, Long p90Seconds) {

        public static Percentiles of(List<java.time.Duration> durations) {
            List<Long> seconds = durations.stream().map(java.time.Duration::toSeconds).sorted().toList();
            return seconds.isEmpty() ? new Percentiles(0, null, null)
                    : new Percentiles(seconds.size(), rank(seconds, 50), rank(seconds, 90));
        }

        private static Long rank(List<Long> sorted, int percent) {
            int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
            return sorted.get(Math.max(rank, 1) - 1);
        }
    }

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
