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
 * @param qualifiedDemandRate and {@code waitlistConversion} need waitlists and pre-orders: null until they exist
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
        List<WaveKpis> waves) {

    /** Per wave: when it was due, units it released, units paid for while it was the latest wave. */
    public record WaveKpis(int wave, String at, int unitsReleased, int unitsSold) {
    }
}
