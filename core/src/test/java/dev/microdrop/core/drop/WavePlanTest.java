package dev.microdrop.core.drop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WavePlanTest {

    private static final Instant OPEN = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void standardPlan_releases40_40_20AtOpenThirtyMinutesAndTwoHours() {
        WavePlan plan = WavePlan.standard(OPEN);

        assertThat(plan.waves()).extracting(Wave::at).containsExactly(OPEN, OPEN.plus(Duration.ofMinutes(30)),
                OPEN.plus(Duration.ofHours(2)));
        assertThat(plan.releasedAfter(1, 100)).isEqualTo(40);
        assertThat(plan.releasedAfter(2, 100)).isEqualTo(80);
        assertThat(plan.releasedAfter(3, 100)).isEqualTo(100);
    }

    @Test
    void releasedAfter_neverLosesOrInventsAUnit_forAnyTotal() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        WavePlan plan = WavePlan.standard(OPEN);
        for (int i = 0; i < 10_000; i++) {
            int total = random.nextInt(1_000_000);
            int previous = 0;
            for (int wave = 0; wave <= 3; wave++) {
                int released = plan.releasedAfter(wave, total);
                assertThat(released).as("seed %d, total %d, wave %d", seed, total, wave).isBetween(previous, total);
                previous = released;
            }
            assertThat(previous).as("seed %d", seed).isEqualTo(total);
        }
    }

    @Test
    void lastWaveDueAt_countsWavesWhoseTimeHasCome() {
        WavePlan plan = WavePlan.standard(OPEN);

        assertThat(plan.lastWaveDueAt(OPEN.minusSeconds(1))).isZero();
        assertThat(plan.lastWaveDueAt(OPEN)).isEqualTo(1);
        assertThat(plan.lastWaveDueAt(OPEN.plus(Duration.ofMinutes(31)))).isEqualTo(2);
        assertThat(plan.lastWaveDueAt(OPEN.plus(Duration.ofDays(1)))).isEqualTo(3);
    }

    @Test
    void plan_refusesSharesThatDoNotAddUp_andWavesOutOfOrder() {
        assertThatThrownBy(() -> new WavePlan(List.of(new Wave(1, OPEN, 5_000))))
                .hasMessageContaining("5000 basis points");
        assertThatThrownBy(() -> new WavePlan(List.of(new Wave(1, OPEN, 5_000), new Wave(2, OPEN.minusSeconds(1), 5_000))))
                .hasMessageContaining("comes before");
    }
}
