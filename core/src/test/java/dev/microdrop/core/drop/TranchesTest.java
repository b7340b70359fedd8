package dev.microdrop.core.drop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What early access sets aside of a SKU's first wave, and how it spreads over stock shards. */
class TranchesTest {

    @Test
    void eachTranche_spreadsLikeUnits_itsRemainderStartingAShardFurther_soSmallTranchesDoNotStack() {
        Tranches tranches = new Tranches(3, Map.of("past-buyers", 3, "audience", 3));

        List<Tranches> shards = tranches.spread(4);

        // Insiders from shard 0; the layers by name: audience from shard 1, past-buyers from shard 2.
        assertThat(shards).extracting(Tranches::insiders).containsExactly(1, 1, 1, 0);
        assertThat(shards).extracting(t -> t.layers().get("audience")).containsExactly(0, 1, 1, 1);
        assertThat(shards).extracting(t -> t.layers().get("past-buyers")).containsExactly(1, 0, 1, 1);
        assertThat(shards.stream().mapToInt(t -> t.layers().get("past-buyers")).sum()).isEqualTo(3);
    }

    @Test
    void ofEarlyAccess_takesEachShareOfTheFirstWave_roundedDown() {
        Insiders insiders = new Insiders(java.time.Instant.EPOCH, 2_000, 1, List.of(
                new Insiders.Layer("past-buyers", java.time.Instant.EPOCH.plusSeconds(60), 3_333),
                new Insiders.Layer("audience", java.time.Instant.EPOCH.plusSeconds(120))));

        assertThat(Tranches.of(insiders, 10)).isEqualTo(new Tranches(2, Map.of("past-buyers", 3)));
    }
}
