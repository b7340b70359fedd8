package dev.microdrop.infrastructure.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SqsHoldExpiryQueueTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void delay_isTheHoldsRemainingTimePlusOneSecond_cappedAtFifteenMinutes() {
        assertThat(SqsHoldExpiryQueue.delaySeconds(NOW.plus(Duration.ofMinutes(10)), NOW, 1)).isEqualTo(601);
        assertThat(SqsHoldExpiryQueue.delaySeconds(NOW.plus(Duration.ofHours(1)), NOW, 1)).isEqualTo(900);
        assertThat(SqsHoldExpiryQueue.delaySeconds(NOW.minusSeconds(5), NOW, 1)).isZero();
    }

    @Test
    void delay_onAScaledClock_isInRealSeconds() {
        // Ten minutes of a drop played at 60x are ten real seconds.
        assertThat(SqsHoldExpiryQueue.delaySeconds(NOW.plus(Duration.ofMinutes(10)), NOW, 60)).isEqualTo(11);
    }
}
