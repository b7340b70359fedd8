package dev.microdrop.core.manifest;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Early access: insiders may buy for a while before the drop opens, from units set aside for them.
 *
 * @param opensBefore         how long before the drop opens the insiders' window opens (positive)
 * @param reservedBasisPoints the share of each SKU's first wave set aside for insiders, in 1/100 of a percent
 * @param perBuyerLimit       most units one insider may buy in their window (within the drop's own limit)
 */
public record Insiders(Duration opensBefore, int reservedBasisPoints, int perBuyerLimit) {

    public Insiders {
        Objects.requireNonNull(opensBefore, "opensBefore");
    }

    public Instant opensAt(Instant dropOpensAt) {
        return dropOpensAt.minus(opensBefore);
    }
}
