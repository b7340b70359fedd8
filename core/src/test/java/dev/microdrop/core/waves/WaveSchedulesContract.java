package dev.microdrop.core.waves;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.testing.Drops;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the {@link WaveSchedules} port promises (in memory, and EventBridge Scheduler through
 * the local Scheduler): after each publish the drop has one timer per wave of its plan, at the wave's time rounded up
 * to the second, and none for a wave no longer planned.
 */
public abstract class WaveSchedulesContract {

    protected static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");

    protected abstract WaveSchedules schedules();

    /** The drop's timers as the implementation keeps them: wave number to the instant it fires. */
    protected abstract Map<Integer, Instant> timers(String dropId);

    @Test
    void eachWaveGetsOneTimer_andARepublishedPlanReplacesThem() {
        WaveSchedules schedules = schedules();
        Drop three = Drops.at(NOW).opensIn(Duration.ofMillis(1_500)).waves(3).sku("A", 9).build();

        assertThat(schedules.schedule(three)).isTrue();
        assertThat(timers(Drops.DROP)).isEqualTo(Map.of(1, NOW.plusSeconds(2), 2, NOW.plusSeconds(3_602),
                3, NOW.plusSeconds(7_202)));

        Drop two = Drops.at(NOW).opensIn(Duration.ofHours(1)).waves(2).sku("A", 9).build();
        assertThat(schedules.schedule(two)).isTrue();
        assertThat(schedules.schedule(two)).as("again, unchanged").isTrue();
        assertThat(timers(Drops.DROP)).isEqualTo(Map.of(1, NOW.plusSeconds(3_600), 2, NOW.plusSeconds(7_200)));
    }

    @Test
    void withoutTimersNothingIsScheduled() {
        assertThat(WaveSchedules.NONE.schedule(Drops.at(NOW).sku("A", 1).build())).isFalse();
    }
}
