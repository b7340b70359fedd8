package dev.microdrop.core.drop;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Early access: from {@code opensAt} (before the drop opens) buyers holding an access token may buy from a
 * reserved tranche of the first wave. Layered access: later {@code layers} (the shop's past buyers, then its audience)
 * get in from their own moment, each before the public opening; the insiders' own layer opens first. A layer with a
 * share of its own buys from its own tranche (set aside from the first wave beside the insiders'); a layer without one
 * buys from the insiders' tranche. Every tranche is released to everyone at the public opening: from then on, holds
 * take from what is available and no tranche limits them.
 *
 * @param reservedBasisPoints the share of each SKU's first-wave units reserved for insiders (1000 = 10%)
 * @param perBuyerLimit       the most units one insider may hold in the insider window
 * @param layers              the layers after the insiders', in the order they open
 */
public record Insiders(Instant opensAt, int reservedBasisPoints, int perBuyerLimit, List<Layer> layers) {

    /** The insiders' own layer: tokens the merchant issues, and tokens that name no layer. */
    public static final String INSIDERS = "insiders";
    /** The layers a drop may add after the insiders': the shop's past buyers, then its audience. */
    public static final Set<String> LAYER_NAMES = Set.of("past-buyers", "audience");

    /**
     * A later layer of early access and when it opens.
     *
     * @param reservedBasisPoints the share of each SKU's first-wave units set aside for this layer alone, or null
     *                            when the layer buys from the insiders' tranche
     */
    public record Layer(String name, Instant opensAt, Integer reservedBasisPoints) {
        public Layer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(opensAt, "opensAt");
            if (!LAYER_NAMES.contains(name)) {
                throw new IllegalArgumentException("an access layer is one of " + LAYER_NAMES + ", not " + name);
            }
            if (reservedBasisPoints != null && (reservedBasisPoints < 0 || reservedBasisPoints > WavePlan.WHOLE)) {
                throw new IllegalArgumentException("a layer's share is 0..100%");
            }
        }

        /** A layer that buys from the insiders' tranche. */
        public Layer(String name, Instant opensAt) {
            this(name, opensAt, null);
        }

        /** Whether the layer has a tranche of its own. */
        public boolean ownTranche() {
            return reservedBasisPoints != null;
        }
    }

    public Insiders(Instant opensAt, int reservedBasisPoints, int perBuyerLimit) {
        this(opensAt, reservedBasisPoints, perBuyerLimit, List.of());
    }

    public Insiders {
        Objects.requireNonNull(opensAt, "opensAt");
        if (reservedBasisPoints < 0 || reservedBasisPoints > WavePlan.WHOLE) {
            throw new IllegalArgumentException("the insiders' share is 0..100%");
        }
        if (perBuyerLimit < 1) {
            throw new IllegalArgumentException("an insider may buy at least one unit");
        }
        layers = List.copyOf(layers);
        if (layers.stream().map(Layer::name).distinct().count() != layers.size()) {
            throw new IllegalArgumentException("each access layer is named once");
        }
        if (layers.stream().anyMatch(layer -> layer.opensAt().isBefore(opensAt))) {
            throw new IllegalArgumentException("the insiders' layer opens first");
        }
        long shares = reservedBasisPoints + layers.stream().filter(Layer::ownTranche)
                .mapToLong(Layer::reservedBasisPoints).sum();
        if (shares > WavePlan.WHOLE) {
            throw new IllegalArgumentException("the tranches of early access add up to more than 100%");
        }
    }

    /** Units of a SKU reserved for insiders, out of the units its first wave releases. */
    public int reserved(int firstWaveUnits) {
        return share(firstWaveUnits, reservedBasisPoints);
    }

    private static int share(int units, int basisPoints) {
        return (int) ((long) units * basisPoints / WavePlan.WHOLE);
    }

    /**
     * Each layer's own tranche of a SKU, out of the units its first wave releases, by layer name; layers that buy
     * from the insiders' tranche are absent.
     */
    public Map<String, Integer> layerReserved(int firstWaveUnits) {
        Map<String, Integer> reserved = new LinkedHashMap<>();
        for (Layer layer : layers) {
            if (layer.ownTranche()) {
                reserved.put(layer.name(), share(firstWaveUnits, layer.reservedBasisPoints()));
            }
        }
        return reserved;
    }

    /**
     * The tranche a hold with a token of {@code layer} draws from: the layer's name when it has a tranche of its own,
     * empty for the insiders' tranche (the insiders themselves, and layers without a share).
     */
    public Optional<String> trancheOf(String layer) {
        return layers.stream().filter(l -> l.name().equals(layer) && l.ownTranche()).map(Layer::name).findFirst();
    }

    /** When a token of {@code layer} (null: the insiders') lets its holder in; empty for a layer this drop lacks. */
    public Optional<Instant> opensAtFor(String layer) {
        if (layer == null || layer.equals(INSIDERS)) {
            return Optional.of(opensAt);
        }
        return layers.stream().filter(l -> l.name().equals(layer)).map(Layer::opensAt).findFirst();
    }

    /** The same early access, every time moved by {@code offset}. */
    public Insiders shiftedBy(Duration offset) {
        return new Insiders(opensAt.plus(offset), reservedBasisPoints, perBuyerLimit,
                layers.stream().map(l -> new Layer(l.name(), l.opensAt().plus(offset), l.reservedBasisPoints())).toList());
    }
}
