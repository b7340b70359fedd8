package dev.microdrop.core.testing;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Wave;
import dev.microdrop.core.waves.WaveSchedules;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link WaveSchedules} port in memory: each drop's timers, one per wave at its time rounded up to the second
 * (a timer never fires early), as EventBridge Scheduler keeps them. {@code WaveSchedulesContract} runs the same
 * cases against this and against {@code SchedulerWaveSchedules} on the local Scheduler.
 */
public final class InMemoryWaveSchedules implements WaveSchedules {

    private final Map<String, Map<Integer, Instant>> timers = new HashMap<>();

    @Override
    public synchronized boolean schedule(Drop drop) {
        Map<Integer, Instant> byWave = new TreeMap<>();
        for (Wave wave : drop.wavePlan().waves()) {
            Instant at = drop.waveAt(wave.number());
            Instant second = at.truncatedTo(ChronoUnit.SECONDS);
            byWave.put(wave.number(), second.isBefore(at) ? second.plusSeconds(1) : second);
        }
        timers.put(drop.dropId(), byWave);
        return true;
    }

    /** The drop's timers: wave number to the instant it fires. */
    public synchronized Map<Integer, Instant> timers(String dropId) {
        return Map.copyOf(timers.getOrDefault(dropId, Map.of()));
    }
}
