package dev.microdrop.core.waves;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.merchant.FlashRestockResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The two refusal rules the adapters apply to what an item said: a wave's release, a flash restock's write. */
class WaveResultTest {

    private static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");

    @Test
    void aWaveIsReleasedOnce_andNeverAfterTheDropClosed() {
        assertThat(WaveResult.refusal("d", 2, 1, NOW.plusSeconds(1), NOW)).isEmpty();
        assertThat(WaveResult.refusal("d", 2, 2, NOW.plusSeconds(1), NOW)).contains(new WaveResult.AlreadyReleased(2));
        assertThat(WaveResult.refusal("d", 2, 3, NOW.plusSeconds(1), NOW)).contains(new WaveResult.AlreadyReleased(2));
        assertThat(WaveResult.refusal("d", 2, 1, NOW, NOW))
                .contains(new WaveResult.NotReleased("drop d has closed"));
    }

    @Test
    void aRefusedFlashRestockOfAnOpenDrop_wasRefusedForItsRunningWindow() {
        assertThat(FlashRestockResult.refused(NOW.minusSeconds(1), NOW.plusSeconds(1), NOW))
                .isEqualTo(FlashRestockResult.WINDOW_RUNNING);
        assertThat(FlashRestockResult.refused(NOW, NOW.plusSeconds(1), NOW)).isEqualTo(FlashRestockResult.WINDOW_RUNNING);
        assertThat(FlashRestockResult.refused(NOW.plusSeconds(1), NOW.plusSeconds(2), NOW))
                .isEqualTo(FlashRestockResult.DROP_NOT_OPEN);
        assertThat(FlashRestockResult.refused(NOW.minusSeconds(2), NOW, NOW)).isEqualTo(FlashRestockResult.DROP_NOT_OPEN);
    }
}
