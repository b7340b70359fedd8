package dev.microdrop.core.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.testing.InMemoryTable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The merchant's stock operations against the in-memory table (its contract runs on DynamoDB Local too). */
class AdjustAndPauseTest {

    private static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryTable table = new InMemoryTable(clock);
    private final AdjustStock adjusting = new AdjustStock(table, clock);
    private final PauseDrop pausing = new PauseDrop(table, clock);

    @Test
    void anAdjustmentTakesAwayOnlyWhatIsAvailable_andSaysWhatWas() {
        table.publish(Drops.at(NOW).sku("A", 2).build(), NOW);

        assertThat(adjusting.adjust(table.read(Drops.DROP).orElseThrow(), "A", null, -3, "damaged"))
                .isEqualTo(new AdjustStock.Short("A", 2));
        assertThat(adjusting.adjust(table.read(Drops.DROP).orElseThrow(), "A", null, 4, "found a box"))
                .isEqualTo(new AdjustStock.Adjusted(Drops.DROP, "A", 4));
        assertThat(table.read(Drops.DROP).orElseThrow().available("A")).isEqualTo(6);
    }

    @Test
    void aPauseIsWrittenOnce_withItsEvent() {
        table.publish(Drops.at(NOW).sku("A", 2).build(), NOW);

        assertThat(pausing.pause(Drops.DROP)).isEqualTo(PauseResult.CHANGED);
        assertThat(pausing.pause(Drops.DROP)).isEqualTo(PauseResult.ALREADY);
        assertThat(pausing.resume(Drops.DROP)).isEqualTo(PauseResult.CHANGED);

        assertThat(table.events()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("DropPublished", "DropPaused", "DropResumed");
    }
}
