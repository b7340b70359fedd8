package dev.microdrop.core.drop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What early access sets aside of one SKU's first wave: the insiders' tranche, and each access layer's own (by layer
 * name; layers without a share of their own are absent). Set once, with the first wave.
 */
public record Tranches(int insiders, Map<String, Integer> layers) {

    public Tranches {
        layers = Map.copyOf(layers);
        if (insiders < 0 || layers.values().stream().anyMatch(units -> units < 0)) {
            throw new IllegalArgumentException("a tranche is never negative");
        }
    }

    /** The tranches of {@code sku} that early access sets aside of its first wave. */
    public static Tranches of(Insiders insiders, int firstWaveUnits) {
        return new Tranches(insiders.reserved(firstWaveUnits), insiders.layerReserved(firstWaveUnits));
    }

    /** The tranches spread over {@code shards} stock shards the way their units are ({@link StockShards#spread}). */
    public List<Tranches> spread(int shards) {
        int[] own = StockShards.spread(insiders, shards);
        Map<String, int[]> byLayer = new LinkedHashMap<>();
        layers.forEach((layer, units) -> byLayer.put(layer, StockShards.spread(units, shards)));
        return java.util.stream.IntStream.range(0, shards).mapToObj(i -> {
            Map<String, Integer> layersOfShard = new LinkedHashMap<>();
            byLayer.forEach((layer, spread) -> layersOfShard.put(layer, spread[i]));
            return new Tranches(own[i], layersOfShard);
        }).toList();
    }
}
