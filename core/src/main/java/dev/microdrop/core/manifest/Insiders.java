package dev.microdrop.core.manifest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Early access: insiders may buy for a while before the drop opens, from units set aside for them; later layers (the
 * shop's past buyers, then its audience) from their own moment, from their own share when they name one, else from
 * the insiders' units.
 *
 * @param opensBefore         how long before the drop opens the insiders' window opens (positive)
 * @param reservedBasisPoints the share of each SKU's first wave set aside for insiders, in 1/100 of a percent
 * @param perBuyerLimit       most units one insider may buy in their window (within the drop's own limit)
 * @param layers              the later layers, each opening {@code opensBefore} the drop (less than the insiders')
 */
public record Insiders(Duration opensBefore, int reservedBasisPoints, int perBuyerLimit, List<Layer> layers) {

    /**
     * A later layer: {@code past-buyers} or {@code audience}, in from {@code opensBefore} the drop's opening, buying
     * from {@code reservedBasisPoints} of each SKU's first wave set aside for it alone (null: from the insiders').
     */
    public record Layer(String layer, Duration opensBefore, Integer reservedBasisPoints) {
        public Layer {
            Objects.requireNonNull(layer, "layer");
            Objects.requireNonNull(opensBefore, "opensBefore");
        }

        public Layer(String layer, Duration opensBefore) {
            this(layer, opensBefore, null);
        }
    }

    public Insiders(Duration opensBefore, int reservedBasisPoints, int perBuyerLimit) {
        this(opensBefore, reservedBasisPoints, perBuyerLimit, List.of());
    }

    public Insiders {
        Objects.requireNonNull(opensBefore, "opensBefore");
        layers = List.copyOf(layers);
    }

    public Instant opensAt(Instant dropOpensAt) {
        return dropOpensAt.minus(opensBefore);
    }
}
