package dev.microdrop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyTest {

    @Test
    void of_takesTheNearestRank_soEachPercentileIsALatencyThatWasMeasured() {
        long[] oneToHundredMillis = LongStream.rangeClosed(1, 100).map(ms -> ms * 1_000_000).toArray();

        Latency latency = Latency.of(oneToHundredMillis);

        assertThat(latency).isEqualTo(new Latency(50.0, 95.0, 99.0));
    }

    @Test
    void of_withOneLatency_givesItForEveryPercentile() {
        assertThat(Latency.of(new long[] {2_500_000})).isEqualTo(new Latency(2.5, 2.5, 2.5));
    }
}
