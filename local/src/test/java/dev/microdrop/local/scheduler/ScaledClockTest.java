package dev.microdrop.local.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microdrop.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScaledClockTest {

    private static final Instant START = Instant.parse("2026-11-22T08:00:00Z");

    @Test
    void instant_whenScaleIs60_thenAMinutePassesEveryRealSecond() {
        MutableClock real = new MutableClock(START);
        ScaledClock scaled = new ScaledClock(real, 60);

        real.advance(Duration.ofMillis(1500));

        assertThat(scaled.instant()).isEqualTo(START.plus(Duration.ofSeconds(90)));
    }

    @Test
    void instant_whenScaleIsOne_thenTheRealClock() {
        MutableClock real = new MutableClock(START);
        ScaledClock scaled = new ScaledClock(real, 1);

        real.advance(Duration.ofSeconds(7));

        assertThat(scaled.instant()).isEqualTo(START.plusSeconds(7));
    }

    @Test
    void realDelayUntil_whenAnHourAwayAtScale3600_thenOneRealSecond() {
        MutableClock real = new MutableClock(START);
        ScaledClock scaled = new ScaledClock(real, 3600);
        real.advance(Duration.ofMillis(250));

        assertThat(scaled.realDelayUntil(START.plus(Duration.ofHours(1)))).isEqualTo(Duration.ofMillis(750));
        assertThat(scaled.realDelayUntil(START)).isNegative();
    }

    @Test
    void instant_whenYearsPassAtAHighScale_thenNoOverflow() {
        MutableClock real = new MutableClock(START);
        ScaledClock scaled = new ScaledClock(real, 100_000);

        real.advance(Duration.ofDays(365));

        assertThat(scaled.instant()).isEqualTo(START.plus(Duration.ofDays(365L * 100_000)));
    }

    @Test
    void constructor_whenScaleIsNotPositive_thenRefused() {
        MutableClock real = new MutableClock(START);

        assertThatThrownBy(() -> new ScaledClock(real, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScaledClock(real, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
