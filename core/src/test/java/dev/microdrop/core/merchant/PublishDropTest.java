package dev.microdrop.core.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.testing.InMemoryTable;
import dev.microdrop.core.testing.InMemoryWaveSchedules;
import dev.microdrop.core.waves.WaveSchedules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Publishing and closing a drop, against the in-memory table and wave timers (their contracts run for real too). */
class PublishDropTest {

    private static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");

    private final InMemoryTable table = new InMemoryTable(Clock.fixed(NOW, ZoneOffset.UTC));
    private final InMemoryWaveSchedules timers = new InMemoryWaveSchedules();
    private final PublishDrop publishing = new PublishDrop(table, table, timers, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aDropIsCreatedForItsMerchant_withATimerPerWave_andUpdatedByThemOnly() {
        Drop drop = Drops.at(NOW).opensIn(Duration.ofHours(1)).waves(2).sku("A", 10).build();

        assertThat(publishing.publish("merchant-a", drop))
                .isEqualTo(new PublishDrop.Published(Drops.DROP, true, List.of(), true));
        assertThat(timers.timers(Drops.DROP)).containsOnlyKeys(1, 2);
        assertThat(publishing.publish("merchant-b", drop)).isEqualTo(new PublishDrop.IdTaken(Drops.DROP));
        assertThat(publishing.publish("merchant-a", Drops.at(NOW).opensIn(Duration.ofHours(1)).waves(2).sku("A", 12)
                .build())).isEqualTo(new PublishDrop.Published(Drops.DROP, false, List.of("SKU A: units 10 -> 12"),
                true));
    }

    @Test
    void aNewCurrencyIsRefused_andWithoutTimersNothingIsScheduled() {
        PublishDrop untimed = new PublishDrop(table, table, WaveSchedules.NONE, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(untimed.publish("merchant-a", Drops.at(NOW).sku("A", 5).build()))
                .isEqualTo(new PublishDrop.Published(Drops.DROP, true, List.of(), false));

        Drop dollars = new Drop(Drops.DROP, "Test drop", java.util.Currency.getInstance("USD"), NOW, NOW.plusSeconds(60),
                4, Duration.ofMinutes(10), true, List.of(), List.of(new Sku("A", "p", "P", "V", Money.of(100, "USD"), 5)),
                Drops.at(NOW).sku("A", 5).build().wavePlan());
        assertThat(untimed.publish("merchant-a", dollars)).isInstanceOf(PublishDrop.Refused.class);
    }

    @Test
    void closingEndsSalesNow() {
        Drop drop = Drops.at(NOW).sku("A", 5).build();
        publishing.publish("merchant-a", drop);

        assertThat(new CloseDrop(table, Clock.fixed(NOW, ZoneOffset.UTC)).close(drop))
                .isEqualTo(new CloseDrop.Closed(Drops.DROP, NOW));
        assertThat(table.read(Drops.DROP).orElseThrow().drop().closesAt()).isEqualTo(NOW);
    }
}
