package dev.microdrop.core.drop;

import java.time.Instant;
import java.util.Objects;

/**
 * Early access: from {@code opensAt} (before the drop opens) buyers holding an access token may buy from a
 * reserved tranche of the first wave.
 *
 * @param reservedBasisPoints the share of each SKU's first-wave units reserved for insiders (1000 = 10%)
 * @param perBuyerLimit       the most units one insider may hold in the insider window
 */
public record Insiders(Instant opensAt, int reservedBasisPoints, int perBuyerLimit) {

    public Insiders {
        Objects.requireNonNull(opensAt, "opensAt");
        if (reservedBasisPoints < 0 || reservedBasisPoints > WavePlan.WHOLE) {
            throw new IllegalArgumentException("the insiders' share is 0..100%");
        }
        if (perBuyerLimit < 1) {
            throw new IllegalArgumentException("an insider may buy at least one unit");
        }
    }

    /** Units of a SKU reserved for insiders, out of the units its first wave releases. */
    public int reserved(int firstWaveUnits) {
        return (int) ((long) firstWaveUnits * reservedBasisPoints / WavePlan.WHOLE);
    }
}
