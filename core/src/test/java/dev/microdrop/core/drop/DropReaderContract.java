package dev.microdrop.core.drop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.testing.Drops;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the {@link DropReader} port promises: a published drop read back whole, with its
 * live counters, its slots' seats, its pause and flash windows; the directory of drops; nothing for an unknown id.
 */
public abstract class DropReaderContract {

    protected static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");

    /** Publishes the drops at {@link #NOW} into one fresh store and reads it back. */
    protected abstract DropReader publish(Drop... drops);

    @Test
    void aPublishedDropIsReadBackWhole_withItsCountersAndSeats() {
        Slot slot = Slot.of(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)), 3);
        Drop drop = Drops.at(NOW).sku("A", 5).shardedSku("S", 4, 2).hub("hub-two", slot).build();
        DropReader reader = publish(drop);

        DropSnapshot snapshot = reader.read(Drops.DROP).orElseThrow();

        assertThat(snapshot.drop()).isEqualTo(drop);
        assertThat(snapshot.stockOf("A")).contains(new StockLevel("A", 5, 5, 0, 0));
        assertThat(snapshot.stockOf("S").orElseThrow().shards()).extracting(StockLevel::available).containsExactly(2, 2);
        assertThat(snapshot.seatsLeft("hub-two", slot.slotId())).isEqualTo(3);
        assertThat(snapshot.paused()).isFalse();
        assertThat(snapshot.flashUntil()).isEmpty();
        assertThat(reader.read("no-such-drop")).isEmpty();
    }

    @Test
    void aDropsLayersOfEarlyAccess_areReadBack() {
        Drop drop = Drops.at(NOW).opensIn(Duration.ofHours(2)).sku("A", 5).insiders(Duration.ofHours(1), 1_000, 1)
                .layer("past-buyers", Duration.ofMinutes(40)).layer("audience", Duration.ofMinutes(20)).build();

        assertThat(publish(drop).read(Drops.DROP).orElseThrow().drop()).isEqualTo(drop);
    }

    @Test
    void theDirectoryListsEveryPublishedDrop() {
        Drop first = Drops.at(NOW).sku("A", 5).build();
        Drop second = Drops.at(NOW).id("second-drop").opensIn(Duration.ofDays(1)).sku("A", 5).build();
        DropReader reader = publish(first, second);

        assertThat(reader.list()).containsExactlyInAnyOrderElementsOf(List.of(
                new DropSummary(first.dropId(), first.name(), first.opensAt(), first.closesAt()),
                new DropSummary(second.dropId(), second.name(), second.opensAt(), second.closesAt())));
    }
}
