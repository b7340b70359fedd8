package dev.microdrop.core.drop;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** When a drop's stock is released: waves in time order whose shares add up to the whole. */
public record WavePlan(List<Wave> waves) {

    /** 100% in basis points. */
    public static final int WHOLE = 10_000;

    public WavePlan {
        waves = List.copyOf(waves);
        if (waves.isEmpty()) {
            throw new IllegalArgumentException("a wave plan needs at least one wave");
        }
        int sum = 0;
        for (int i = 0; i < waves.size(); i++) {
            Wave wave = waves.get(i);
            if (wave.number() != i + 1) {
                throw new IllegalArgumentException("waves must be numbered 1.." + waves.size() + " in order");
            }
            if (i > 0 && wave.at().isBefore(waves.get(i - 1).at())) {
                throw new IllegalArgumentException("wave " + wave.number() + " comes before wave " + i);
            }
            sum += wave.shareBasisPoints();
        }
        if (sum != WHOLE) {
            throw new IllegalArgumentException("wave shares add up to " + sum + " basis points, not " + WHOLE);
        }
    }

    /** The default staged release: 40% at open, 40% thirty minutes later, 20% two hours after open. */
    public static WavePlan standard(Instant opensAt) {
        return new WavePlan(List.of(
                new Wave(1, opensAt, 4_000),
                new Wave(2, opensAt.plus(Duration.ofMinutes(30)), 4_000),
                new Wave(3, opensAt.plus(Duration.ofHours(2)), 2_000)));
    }

    /**
     * Units released for a SKU once waves 1..{@code waveNumber} have fired. Cumulative shares are rounded
     * down and the last wave takes the remainder, so the waves always sum to exactly {@code totalUnits}.
     */
    public int releasedAfter(int waveNumber, int totalUnits) {
        if (waveNumber <= 0) {
            return 0;
        }
        if (waveNumber >= waves.size()) {
            return totalUnits;
        }
        long cumulative = waves.subList(0, waveNumber).stream().mapToLong(Wave::shareBasisPoints).sum();
        return (int) (totalUnits * cumulative / WHOLE);
    }

    /** The number of the last wave due at {@code now}, or 0 before the first. */
    public int lastWaveDueAt(Instant now) {
        return (int) waves.stream().filter(w -> !w.at().isAfter(now)).count();
    }

    public Wave first() {
        return waves.getFirst();
    }

    public List<Wave> inOrder() {
        return waves.stream().sorted(Comparator.comparingInt(Wave::number)).toList();
    }
}
