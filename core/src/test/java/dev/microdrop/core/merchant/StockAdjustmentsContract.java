package dev.microdrop.core.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.testing.PublishedTable;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the {@link StockAdjustments} and {@link DropPauses} ports promises (in memory for the
 * core's unit tests, on DynamoDB Local for the adapters): units added or taken away only while available, a flash
 * restock only on an open drop with no window running, a pause and a resume each changing the drop once.
 */
public abstract class StockAdjustmentsContract {

    protected static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");

    /** Publishes {@code drop} at {@link #NOW} into a fresh store. */
    protected abstract PublishedTable publish(Drop drop);

    @Test
    void unitsAreAdded_andTakenAwayOnlyWhileAvailable() {
        PublishedTable drop = publish(Drops.at(NOW).sku("A", 5).build());

        assertThat(drop.adjustments().adjust(Drops.DROP, "A", null, 3, "found a box", NOW)).isTrue();
        assertThat(drop.adjustments().adjust(Drops.DROP, "A", null, -9, "too many", NOW)).isFalse();
        assertThat(drop.adjustments().adjust(Drops.DROP, "A", null, -8, "damaged", NOW)).isTrue();

        assertThat(level(drop, "A")).isEqualTo(new StockLevel("A", 0, 0, 0, 0));
    }

    @Test
    void aHubsUnitsMoveWithTheSkus() {
        Map<String, Integer> units = new LinkedHashMap<>();
        units.put("hub-a", 2);
        units.put("hub-b", 3);
        PublishedTable drop = publish(Drops.at(NOW).skuAtHubs("H", units).build());

        assertThat(drop.adjustments().adjust(Drops.DROP, "H", "hub-a", -3, "too many", NOW)).isFalse();
        assertThat(drop.adjustments().adjust(Drops.DROP, "H", "hub-a", -2, "damaged", NOW)).isTrue();

        assertThat(level(drop, "H").available()).isEqualTo(3);
        assertThat(level(drop, "H").available("hub-a")).isZero();
        assertThat(level(drop, "H").available("hub-b")).isEqualTo(3);
    }

    @Test
    void aShardedSkusUnitsAreSpreadOverItsShards() {
        PublishedTable drop = publish(Drops.at(NOW).shardedSku("S", 2, 2).build());

        assertThat(drop.adjustments().adjust(Drops.DROP, "S", null, 2, "found two", NOW)).isTrue();
        assertThat(drop.adjustments().adjust(Drops.DROP, "S", null, -5, "too many", NOW)).isFalse();

        assertThat(level(drop, "S").available()).isEqualTo(4);
        assertThat(level(drop, "S").shards()).allSatisfy(shard -> assertThat(shard.available()).isEqualTo(2));
    }

    @Test
    void aFlashRestockNeedsAnOpenDrop_andNoWindowRunning() {
        PublishedTable open = publish(Drops.at(NOW).sku("A", 1).build());
        Instant until = NOW.plus(Duration.ofMinutes(30));

        assertThat(open.adjustments().flashRestock(Drops.DROP, "A", 2, until, NOW))
                .isEqualTo(FlashRestockResult.RESTOCKED);
        assertThat(open.adjustments().flashRestock(Drops.DROP, "A", 2, until, NOW.plusSeconds(60)))
                .isEqualTo(FlashRestockResult.WINDOW_RUNNING);
        assertThat(open.reader().read(Drops.DROP).orElseThrow().flashUntil()).containsEntry("A", until);
        assertThat(level(open, "A").available()).isEqualTo(3);

        PublishedTable later = publish(Drops.at(NOW).opensIn(Duration.ofHours(1)).sku("A", 1).build());
        StockLevel before = level(later, "A");
        assertThat(later.adjustments().flashRestock(Drops.DROP, "A", 2, until, NOW))
                .isEqualTo(FlashRestockResult.DROP_NOT_OPEN);
        assertThat(level(later, "A")).isEqualTo(before);
    }

    @Test
    void aPauseAndAResumeChangeTheDropOnce() {
        PublishedTable drop = publish(Drops.at(NOW).sku("A", 1).build());

        assertThat(drop.pauses().pause(Drops.DROP, NOW)).isEqualTo(PauseResult.CHANGED);
        assertThat(drop.pauses().pause(Drops.DROP, NOW.plusSeconds(1))).isEqualTo(PauseResult.ALREADY);
        assertThat(drop.reader().read(Drops.DROP).orElseThrow().paused()).isTrue();
        assertThat(drop.pauses().resume(Drops.DROP, NOW.plusSeconds(2))).isEqualTo(PauseResult.CHANGED);
        assertThat(drop.pauses().resume(Drops.DROP, NOW.plusSeconds(3))).isEqualTo(PauseResult.ALREADY);
        assertThat(drop.reader().read(Drops.DROP).orElseThrow().paused()).isFalse();
    }

    private static StockLevel level(PublishedTable drop, String sku) {
        return drop.reader().read(Drops.DROP).orElseThrow().stockOf(sku).orElseThrow();
    }
}
