package dev.microdrop.core.drop;

import java.time.Instant;
import java.util.Objects;

/**
 * One tranche of a staged release.
 *
 * @param shareBasisPoints the share of each SKU's total units this wave releases, in 1/100 of a percent
 *                         (4000 = 40%), so shares add up exactly without floating point
 */
public record Wave(int number, Instant at, int shareBasisPoints) {

    public Wave {
        Objects.requireNonNull(at, "at");
        if (number < 1) {
            throw new IllegalArgumentException("waves are numbered from 1: " + number);
        }
        if (shareBasisPoints < 0 || shareBasisPoints > WavePlan.WHOLE) {
            throw new IllegalArgumentException("share out of range: " + shareBasisPoints);
        }
    }
}
