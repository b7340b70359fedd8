package dev.microdrop.core.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SendRateTest {

    private static final Instant T0 = Instant.parse("2026-12-02T18:00:00Z");

    @Test
    void reserve_burstOfOneSecond_thenWaits_thenRefusesBeyondTheMaximumWait() {
        SendRate rate = new SendRate(10, Duration.ofSeconds(1), T0);

        assertThat(rate.reserve(10, T0)).isEqualTo(Duration.ZERO);
        assertThat(rate.reserve(5, T0)).isEqualTo(Duration.ofMillis(500));
        assertThat(rate.reserve(6, T0)).as("would wait 1.1 s").isNull();
        assertThat(rate.reserve(5, T0)).as("a refusal took nothing").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void reserve_refillsWithTime_upToOneSecondsWorth() {
        SendRate rate = new SendRate(2, Duration.ZERO, T0);
        assertThat(rate.reserve(2, T0)).isEqualTo(Duration.ZERO);
        assertThat(rate.reserve(1, T0)).isNull();

        assertThat(rate.reserve(1, T0.plusMillis(500))).isEqualTo(Duration.ZERO);
        assertThat(rate.reserve(3, T0.plusSeconds(60))).as("the bucket holds one second").isNull();
        assertThat(rate.reserve(2, T0.plusSeconds(60))).isEqualTo(Duration.ZERO);
    }
}
