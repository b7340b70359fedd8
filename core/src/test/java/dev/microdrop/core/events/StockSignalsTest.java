package dev.microdrop.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.drop.StockLevel;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SoldOut and StockLow from counters alone: a table, no I/O. */
class StockSignalsTest {

    private static final Instant AT = Instant.parse("2026-12-02T18:00:00Z");

    @ParameterizedTest(name = "{0} -> {1} of {2}: {3}")
    @CsvSource({
            // before, after, released, what it crossed
            "5, 0, 40, SOLD_OUT",
            "1, 0, 40, SOLD_OUT",
            "1, -1, 40, SOLD_OUT",
            "0, 0, 40, NONE",           // already sold out: said once, when it happened
            "5, 4, 40, STOCK_LOW",      // the line is a tenth: 4
            "5, 3, 40, STOCK_LOW",
            "4, 3, 40, NONE",           // already under the line
            "9, 5, 40, NONE",
            "2, 1, 5, STOCK_LOW",       // at least one unit: 5 released, line 1
            "3, 1, 9, STOCK_LOW",
            "0, 4, 40, NONE",           // units came back
            "3, 5, 40, NONE",
    })
    void aFallOfAvailableUnits_crossesZeroOrTheLowStockLine(int before, int after, int released,
            StockSignals.Crossing crossing) {
        assertThat(StockSignals.crossing(before, after, released)).isEqualTo(crossing);
        assertThat(StockSignals.of("drop", "A", before, after, released, "seq-1", AT).map(DomainEvent::type))
                .isEqualTo(crossing == StockSignals.Crossing.NONE ? java.util.Optional.empty()
                        : java.util.Optional.of(crossing == StockSignals.Crossing.SOLD_OUT ? "SoldOut" : "StockLow"));
    }

    @ParameterizedTest(name = "{0} confirmed by {1} of {2}: {3}")
    @CsvSource({
            "SOLD_OUT, 0, 40, SoldOut",
            "SOLD_OUT, 2, 40, none",      // shards heard apart summed to a zero that never was
            "STOCK_LOW, 3, 40, StockLow",
            "STOCK_LOW, 0, 40, none",     // sold out by now: its SoldOut comes from its own change
            "STOCK_LOW, 9, 40, none",     // a half-heard move between shards
    })
    void aSummedCrossing_isSignalledOnlyWhenTheShardsConfirmIt(StockSignals.Crossing summed, int available,
            int released, String type) {
        StockLevel exact = new StockLevel("A", released, available, 0, released - available);

        assertThat(StockSignals.confirmed("drop", "A", summed, exact, "seq-2", AT).map(DomainEvent::type)
                .orElse("none")).isEqualTo(type);
    }

    @org.junit.jupiter.api.Test
    void theSameChangeYieldsTheSameEventId_soARedeliveryIsDeduplicated() {
        assertThat(StockSignals.of("drop", "A", 1, 0, 10, "seq-3", AT)).isEqualTo(
                StockSignals.of("drop", "A", 1, 0, 10, "seq-3", AT));
        assertThat(StockSignals.of("drop", "A", 1, 0, 10, "seq-3", AT).orElseThrow().eventId())
                .isEqualTo("evt_soldout_drop_A_seq-3");
    }
}
