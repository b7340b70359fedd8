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

    /**
     * The tranches spread over {@code shards} stock shards as units are ({@link StockShards#spread}: the same share
     * each, the remainder a unit each), except that each tranche's remainder starts one shard further along (the
     * insiders' at shard 0, the layers' after it in the order of their names), so small tranches do not all sit on
     * the first shards.
     */
    public List<Tranches> spread(int shards) {
        int[] own = StockShards.spread(insiders, shards);
        Map<String, int[]> byLayer = new LinkedHashMap<>();
        int offset = 1;
        for (String layer : new java.util.TreeSet<>(layers.keySet())) {
            byLayer.put(layer, rotated(StockShards.spread(layers.get(layer), shards), offset++));
        }
        return java.util.stream.IntStream.range(0, shards).mapToObj(i -> {
            Map<String, Integer> layersOfShard = new LinkedHashMap<>();
            byLayer.forEach((layer, spread) -> layersOfShard.put(layer, spread[i]));
            return new Tranches(own[i], layersOfShard);
        }).toList();
    }

    private static int[] rotated(int[] spread, int by) {
        int[] rotated = new int[spread.length];
        for (int i = 0; i < spread.length; i++) {
            rotated[(i + by) % spread.length] = spread[i];
        }
        return rotated;
    }
}
