package dev.microdrop.core.reconcile;

import java.time.Instant;
import java.util.List;

/** What reconciliation checked and every drift it found; {@link #clean()} when there is none. */
public record ReconciliationReport(Instant at, int skusChecked, int ordersChecked, int ledgerEntries,
                                   List<Drift> drifts) {

    public ReconciliationReport {
        drifts = List.copyOf(drifts);
    }

    public boolean clean() {
        return drifts.isEmpty();
    }
}
