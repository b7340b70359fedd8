package dev.microdrop.core.waves;

import dev.microdrop.core.drop.Tranches;
import dev.microdrop.core.events.DomainEvent;
import java.time.Instant;
import java.util.Map;

/** Port out: puts a wave's units on sale, once. */
public interface WaveReleases {

    /**
     * Raises each SKU's {@code released} (and {@code available}) to {@code releasedAfterWave}, records the wave on
     * every SKU, writes the ledger and the event, in one write; refused if the wave (or a later one) was already
     * released or the drop has closed at {@code now}. {@code tranches} (wave 1 of a drop with early access) sets
     * each SKU's tranches (the insiders', and each access layer's own) in the same write. {@code hubsReleasedAfterWave} gives, for each SKU split
     * by hub, each hub's target, which add up to the SKU's.
     */
    WaveResult release(String dropId, int wave, Map<String, Integer> releasedAfterWave,
            Map<String, Map<String, Integer>> hubsReleasedAfterWave, Map<String, Tranches> tranches,
            DomainEvent.WaveReleased event, Instant now);

    /** A release for a drop whose SKUs are not split by hub. */
    default WaveResult release(String dropId, int wave, Map<String, Integer> releasedAfterWave,
            Map<String, Tranches> tranches, DomainEvent.WaveReleased event, Instant now) {
        return release(dropId, wave, releasedAfterWave, Map.of(), tranches, event, now);
    }
}
