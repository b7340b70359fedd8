package dev.microdrop.core.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.order.Address;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every implementation of the {@link FulfilmentRecords} port promises: one task per order, the first one. */
public abstract class FulfilmentRecordsContract {

    private static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
    private static final Address ADA = new Address("Ada Lovelace", "Invalidenstrasse 1", null, "Berlin", "10115", "DE");

    protected abstract FulfilmentRecords records();

    /** The task recorded for the order, as the implementation keeps it. */
    protected abstract Optional<FulfilmentTask> find(String orderId);

    @Test
    void anOrderGetsOneTask_theFirstRecorded() {
        FulfilmentRecords records = records();
        FulfilmentTask first = new FulfilmentTask.PickTicket("ord_1", "test-drop",
                List.of(new FulfilmentTask.Line("A", 2)), ADA, NOW);
        FulfilmentTask second = new FulfilmentTask.PickTicket("ord_1", "test-drop",
                List.of(new FulfilmentTask.Line("A", 3)), ADA, NOW.plusSeconds(1));

        assertThat(records.recordOnce(first)).isTrue();
        assertThat(records.recordOnce(second)).isFalse();
        assertThat(records.recordOnce(new FulfilmentTask.PickTicket("ord_2", "test-drop",
                List.of(new FulfilmentTask.Line("B", 1)), ADA, NOW))).as("another order").isTrue();

        assertThat(find("ord_1")).contains(first);
        assertThat(find("ord_3")).isEmpty();
    }
}
