package dev.microdrop.core.manifest;

import dev.microdrop.core.drop.WavePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The manifest's {@code waves}: when a drop's stock goes on sale, as the merchant wrote it: waves at offsets from the opening, each releasing
 * either a share of every SKU ({@link ByShare}) or a number of units per SKU ({@link ByUnits}), never a mix.
 *
 * <p>Releases are cumulative and exact integers: {@link #releasedAfter} is what waves 1..n have put on sale, the
 * last wave always brings a SKU to its total, so no unit is lost to rounding or invented by it. Publishing turns
 * them into the drop's {@link WavePlan} (absolute times and shares); the timers that fire each wave are
 * {@code WaveSchedules}.
 */
public sealed interface ManifestWaves {

    /** The offset of each wave from the drop's opening, in wave order. */
    List<Duration> offsets();

    default int size() {
        return offsets().size();
    }

    /** Units of a SKU of {@code totalUnits} on sale once waves 1..{@code waveNumber} have fired. */
    int releasedAfter(int waveNumber, String sku, int totalUnits);

    /** The default when a manifest names no waves: 40% at open, 40% thirty minutes later, 20% after two hours. */
    static ByShare standard() {
        return new ByShare(List.of(
                new ShareWave(Duration.ZERO, 4_000),
                new ShareWave(Duration.ofMinutes(30), 4_000),
                new ShareWave(Duration.ofHours(2), 2_000)));
    }

    /** @param shareBasisPoints the share of every SKU this wave releases, in 1/100 of a percent */
    record ShareWave(Duration after, int shareBasisPoints) {

        public ShareWave {
            Objects.requireNonNull(after, "after");
        }
    }

    /** @param units what this wave releases, by SKU; a SKU not named gets nothing in this wave */
    record UnitWave(Duration after, Map<String, Integer> units) {

        public UnitWave {
            Objects.requireNonNull(after, "after");
            units = Collections.unmodifiableMap(new LinkedHashMap<>(units));
            units.forEach((sku, n) -> Objects.requireNonNull(n, sku));
        }
    }

    /** Every wave releases the same share of every SKU; the same arithmetic as {@link WavePlan#releasedAfter}. */
    record ByShare(List<ShareWave> waves) implements ManifestWaves {

        public ByShare {
            waves = List.copyOf(waves);
        }

        @Override
        public List<Duration> offsets() {
            return waves.stream().map(ShareWave::after).toList();
        }

        @Override
        public int releasedAfter(int waveNumber, String sku, int totalUnits) {
            return released(waveNumber, waves.size(), totalUnits, () -> (long) totalUnits
                    * waves.subList(0, waveNumber).stream().mapToLong(ShareWave::shareBasisPoints).sum()
                    / WavePlan.WHOLE);
        }

        public List<Integer> basisPoints() {
            return waves.stream().map(ShareWave::shareBasisPoints).toList();
        }
    }

    /**
     * Each wave names its units per SKU. Until the drop itself can release per SKU, {@link #exactBasisPoints}
     * finds the one plan of shares that releases exactly these units, when there is one.
     */
    record ByUnits(List<UnitWave> waves) implements ManifestWaves {

        public ByUnits {
            waves = List.copyOf(waves);
        }

        @Override
        public List<Duration> offsets() {
            return waves.stream().map(UnitWave::after).toList();
        }

        @Override
        public int releasedAfter(int waveNumber, String sku, int totalUnits) {
            return released(waveNumber, waves.size(), totalUnits, () -> cumulative(waveNumber, sku));
        }

        /** Units of {@code sku} named by waves 1..n, as written. */
        public long cumulative(int waveNumber, String sku) {
            return waves.subList(0, Math.min(waveNumber, waves.size())).stream()
                    .mapToLong(w -> w.units().getOrDefault(sku, 0)).sum();
        }

        /**
         * Shares, in basis points per wave, whose {@link WavePlan#releasedAfter} gives every SKU exactly the units
         * written here after every wave; empty when no such shares exist (e.g. one SKU gets half its units in the
         * first wave and another a quarter).
         *
         * <p>{@code WavePlan} releases {@code floor(total * c / 10000)} after a wave whose cumulative share is
         * {@code c}. For a SKU with {@code cum} of {@code total} units released that holds for every {@code c} in
         * {@code [ceil(cum * 10000 / total), ceil((cum + 1) * 10000 / total))}; the smallest {@code c} in the
         * intersection over all SKUs, wave by wave, is the plan.
         */
        public Optional<List<Integer>> exactBasisPoints(Map<String, Integer> totals) {
            List<Long> cumulativeShares = new ArrayList<>();
            long previous = 0;
            for (int wave = 1; wave < waves.size(); wave++) {
                long low = 0;
                long high = Long.MAX_VALUE;
                for (Map.Entry<String, Integer> sku : totals.entrySet()) {
                    long total = sku.getValue();
                    long cum = cumulative(wave, sku.getKey());
                    if (cum < 0 || cum > total) {
                        return Optional.empty();
                    }
                    if (total == 0) {
                        continue;
                    }
                    low = Math.max(low, Math.ceilDiv(cum * WavePlan.WHOLE, total));
                    high = Math.min(high, Math.ceilDiv((cum + 1) * WavePlan.WHOLE, total) - 1);
                }
                if (low > high || low < previous || low > WavePlan.WHOLE) {
                    return Optional.empty();
                }
                cumulativeShares.add(low);
                previous = low;
            }
            cumulativeShares.add((long) WavePlan.WHOLE);
            List<Integer> basisPoints = differences(cumulativeShares);
            return reproduces(basisPoints, totals) ? Optional.of(basisPoints) : Optional.empty();
        }

        /**
         * Shares that release the drop's units as a whole on this schedule, rounded down, the last wave taking the
         * rest. Right in sum and in time, not per SKU: a stand-in for a drop that cannot release per SKU yet.
         */
        public List<Integer> aggregateBasisPoints(Map<String, Integer> totals) {
            long all = totals.values().stream().mapToLong(Integer::longValue).sum();
            List<Long> cumulativeShares = new ArrayList<>();
            long previous = 0;
            for (int wave = 1; wave < waves.size(); wave++) {
                int n = wave;
                long released = totals.keySet().stream().mapToLong(sku -> Math.max(0, cumulative(n, sku))).sum();
                long share = all == 0 ? 0 : Math.min(WavePlan.WHOLE, released * WavePlan.WHOLE / all);
                previous = Math.max(previous, share);
                cumulativeShares.add(previous);
            }
            cumulativeShares.add((long) WavePlan.WHOLE);
            return differences(cumulativeShares);
        }

        private boolean reproduces(List<Integer> basisPoints, Map<String, Integer> totals) {
            for (Map.Entry<String, Integer> sku : totals.entrySet()) {
                long cumulativeShare = 0;
                for (int wave = 1; wave < waves.size(); wave++) {
                    cumulativeShare += basisPoints.get(wave - 1);
                    if ((long) sku.getValue() * cumulativeShare / WavePlan.WHOLE != cumulative(wave, sku.getKey())) {
                        return false;
                    }
                }
            }
            return true;
        }

        private static List<Integer> differences(List<Long> cumulativeShares) {
            List<Integer> basisPoints = new ArrayList<>();
            long previous = 0;
            for (long share : cumulativeShares) {
                basisPoints.add(Math.toIntExact(share - previous));
                previous = share;
            }
            return List.copyOf(basisPoints);
        }
    }

    /**
     * Nothing before the first wave, everything after the last, and between them what {@code beforeLast} counts.
     * A manifest with violations may name more or fewer units than the SKU has; never release outside 0..total.
     */
    private static int released(int waveNumber, int waveCount, int totalUnits, LongSupplier beforeLast) {
        if (waveNumber <= 0) {
            return 0;
        }
        if (waveNumber >= waveCount) {
            return totalUnits;
        }
        return (int) Math.max(0, Math.min(beforeLast.getAsLong(), totalUnits));
    }
}
