package dev.microdrop.core.waves;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.testing.Drops;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the {@link WaveReleases} port promises, through the use case that calls it
 * ({@link WaveService}): a wave's units go on sale once, each hub's and each shard's share with them, never after the
 * drop closed.
 */
public abstract class WaveReleasesContract {

    protected static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");

    /** A drop published at {@link #NOW}, read and released through the implementation. */
    public record Published(DropReader reader, WaveReleases releases) {
    }

    protected abstract Published publish(Drop drop);

    @Test
    void aWaveGoesOnSaleOnce() {
        Published drop = publish(Drops.at(NOW).opensIn(Duration.ofMinutes(-30)).waves(2).sku("A", 10).build());
        WaveService waves = waves(drop);
        assertThat(level(drop, "A").released()).isEqualTo(5);

        assertThat(waves.fire(Drops.DROP, 2)).isEqualTo(new WaveResult.Released(2, Map.of("A", 5)));
        assertThat(waves.fire(Drops.DROP, 2)).isEqualTo(new WaveResult.AlreadyReleased(2));
        assertThat(waves.fire(Drops.DROP, 1)).as("an earlier wave, late").isEqualTo(new WaveResult.AlreadyReleased(1));

        assertThat(level(drop, "A")).isEqualTo(new StockLevel("A", 10, 10, 0, 0));
    }

    @Test
    void eachHubAndEachShardGetTheirShare() {
        Map<String, Integer> units = new LinkedHashMap<>();
        units.put("hub-a", 4);
        units.put("hub-b", 2);
        Published drop = publish(Drops.at(NOW).opensIn(Duration.ofMinutes(-30)).waves(2).skuAtHubs("H", units)
                .shardedSku("S", 8, 2).build());

        waves(drop).fire(Drops.DROP, 2);

        assertThat(level(drop, "H").available("hub-a")).isEqualTo(4);
        assertThat(level(drop, "H").available("hub-b")).isEqualTo(2);
        assertThat(level(drop, "H").released()).isEqualTo(6);
        assertThat(level(drop, "S").shards()).extracting(StockLevel::released).containsExactly(4, 4);
    }

    @Test
    void nothingIsReleasedOnceTheDropHasClosed() {
        Published drop = publish(Drops.at(NOW).opensIn(Duration.ofMinutes(-30)).openFor(Duration.ofMinutes(40))
                .waves(2).sku("A", 10).build());
        Instant afterClose = NOW.plus(Duration.ofMinutes(15));

        assertThat(drop.releases().release(Drops.DROP, 2, Map.of("A", 10), Map.of(),
                new DomainEvent.WaveReleased("evt_late_wave", afterClose, Drops.DROP, 2, List.of()), afterClose))
                .isInstanceOf(WaveResult.NotReleased.class);
        assertThat(level(drop, "A").released()).isEqualTo(5);
    }

    private static WaveService waves(Published drop) {
        return new WaveService(drop.reader(), drop.releases(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static StockLevel level(Published drop, String sku) {
        return drop.reader().read(Drops.DROP).orElseThrow().stockOf(sku).orElseThrow();
    }
}
