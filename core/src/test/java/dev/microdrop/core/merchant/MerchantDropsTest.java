package dev.microdrop.core.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.testing.InMemoryTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The merchant's list of drops: only theirs, each with its state now. */
class MerchantDropsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");

    @Test
    void aMerchantSeesOnlyTheirPublishedDrops_byOpeningTime_withUnitsReleasedAndSold() {
        InMemoryTable table = new InMemoryTable(Clock.fixed(NOW, ZoneOffset.UTC));
        table.publish(Drops.at(NOW).id("later-drop").opensIn(Duration.ofHours(2)).sku("A", 5).build(), NOW);
        table.publish(Drops.at(NOW).sku("A", 5).sku("B", 3).build(), NOW);
        table.publish(Drops.at(NOW).id("their-drop").sku("A", 5).build(), NOW);
        table.claim("later-drop", "merchant-a");
        table.claim(Drops.DROP, "merchant-a");
        table.claim("their-drop", "merchant-b");
        table.claim("unpublished-drop", "merchant-a");

        MerchantDrops drops = new MerchantDrops(table, table, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(drops.drops("merchant-a")).extracting(MerchantDrops.Row::dropId, MerchantDrops.Row::state,
                        MerchantDrops.Row::totalUnits, MerchantDrops.Row::unitsReleased, MerchantDrops.Row::unitsSold)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Drops.DROP, MerchantDrops.State.OPEN, 8, 8, 0),
                        org.assertj.core.groups.Tuple.tuple("later-drop", MerchantDrops.State.SCHEDULED, 5, 0, 0));
        assertThat(drops.drops("merchant-c")).isEmpty();
    }

    @Test
    void theState_tellsApartWhatTheCatalogShows() {
        Drop open = Drops.at(NOW).opensIn(Duration.ofMinutes(-30)).waves(2).sku("A", 10).build();
        Drop early = Drops.at(NOW).opensIn(Duration.ofMinutes(10)).insiders(Duration.ofMinutes(20), 2_000, 2)
                .sku("A", 10).build();
        Drop later = Drops.at(NOW).opensIn(Duration.ofMinutes(30)).insiders(Duration.ofMinutes(20), 2_000, 2)
                .sku("A", 10).build();
        Drop closed = Drops.at(NOW).opensIn(Duration.ofHours(-3)).openFor(Duration.ofHours(1)).sku("A", 10).build();
        // Opened an hour ago, wave 2 an hour after the opening: both waves are out.
        Drop allOut = Drops.at(NOW).opensIn(Duration.ofMinutes(-61)).waves(2).sku("A", 10).build();

        assertThat(state(later, 10, false)).isEqualTo("scheduled");
        assertThat(state(early, 10, false)).isEqualTo("early-access");
        assertThat(state(early, 10, true)).isEqualTo("paused");
        assertThat(state(open, 5, false)).isEqualTo("open");
        assertThat(state(open, 5, true)).isEqualTo("paused");
        assertThat(state(open, 0, false)).as("nothing left, but wave 2 is to come").isEqualTo("open");
        assertThat(state(allOut, 0, false)).isEqualTo("sold-out");
        assertThat(state(allOut, 0, true)).isEqualTo("paused");
        assertThat(state(closed, 4, true)).isEqualTo("closed");
    }

    private static String state(Drop drop, int available, boolean paused) {
        DropSnapshot snapshot = new DropSnapshot(drop, Map.of("A", new StockLevel("A", 10, available, 0,
                10 - available)), NOW, Map.of(), paused, Map.of());
        return MerchantDrops.State.of(snapshot, NOW).spelling();
    }
}
