package dev.microdrop.core.drop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StockShardsTest {

    @Test
    void spread_givesEachShardTheSameShare_andTheRemainderToTheFirst() {
        assertThat(StockShards.spread(101, 4)).containsExactly(26, 25, 25, 25);
        assertThat(StockShards.spread(3, 4)).containsExactly(1, 1, 1, 0);
        assertThat(StockShards.spread(-6, 4)).containsExactly(-2, -2, -1, -1);
        assertThat(StockShards.spread(0, 3)).containsExactly(0, 0, 0);
        for (int units = -50; units <= 50; units++) {
            for (int shards = 1; shards <= StockShards.MAX; shards++) {
                assertThat(Arrays.stream(StockShards.spread(units, shards)).sum()).isEqualTo(units);
            }
        }
    }

    @Test
    void proposedFor_isTheExpectedAttemptsOverOneShardsBudget_between1And16() {
        assertThat(StockShards.proposedFor(0)).isEqualTo(1);
        assertThat(StockShards.proposedFor(400)).isEqualTo(1);
        assertThat(StockShards.proposedFor(401)).isEqualTo(2);
        assertThat(StockShards.proposedFor(1_500)).isEqualTo(4);
        assertThat(StockShards.proposedFor(1_000_000)).isEqualTo(StockShards.MAX);
        assertThat(StockShards.proposedFor(900, 300)).isEqualTo(3);
    }

    @Test
    void fallOverOrder_triesEveryOtherShard_thoseShownWithEnoughFirst() {
        StockLevel level = StockLevel.ofShards("S-1", List.of(StockLevel.ofShard("S-1", 0, 5, 0, 0, 5),
                StockLevel.ofShard("S-1", 1, 5, 1, 0, 4), StockLevel.ofShard("S-1", 2, 5, 3, 0, 2),
                StockLevel.ofShard("S-1", 3, 5, 2, 0, 3)));
        for (long seed = 0; seed < 20; seed++) {
            List<Integer> order = StockShards.fallOverOrder(4, 0, 2, level, new java.util.Random(seed));
            assertThat(order.subList(0, 2)).containsExactlyInAnyOrder(2, 3);
            assertThat(order.get(2)).isEqualTo(1);
        }
        assertThat(StockShards.fallOverOrder(4, 2, 1, null, new java.util.Random(1))).containsExactlyInAnyOrder(0, 1, 3);
        assertThat(StockShards.fallOverOrder(1, 0, 1, null, new java.util.Random(1))).isEmpty();
    }

    @Test
    void aSku_isEitherSplitByHubOrSharded_within1To16() {
        Money price = Money.of(100, "EUR");
        assertThat(new Sku("S-1", "p", "P", "V", price, 10, Map.of(), List.of(), 4).sharded()).isTrue();
        assertThat(new Sku("S-1", "p", "P", "V", price, 10).shards()).isEqualTo(1);
        assertThatThrownBy(() -> new Sku("S-1", "p", "P", "V", price, 10, Map.of(), List.of(), 17))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Sku("S-1", "p", "P", "V", price, 10, Map.of("h", 10), List.of(), 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
