package dev.microdrop.core.waves;

import dev.microdrop.core.testing.InMemoryWaveSchedules;
import java.time.Instant;
import java.util.Map;

/** The wave timers' contract, in memory. */
class InMemoryWaveSchedulesTest extends WaveSchedulesContract {

    private final InMemoryWaveSchedules schedules = new InMemoryWaveSchedules();

    @Override
    protected WaveSchedules schedules() {
        return schedules;
    }

    @Override
    protected Map<Integer, Instant> timers(String dropId) {
        return schedules.timers(dropId);
    }
}
