package dev.microdrop.core.merchant;

import dev.microdrop.core.reconcile.Drift;
import dev.microdrop.core.reconcile.ReconciliationReport;
import dev.microdrop.core.reconcile.Reconciler;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code GET .../reconcile}: the table's books, narrowed to one merchant's drop. */
public final class ReconcileDrop {

    /** Reconciliation as one merchant sees it: the drifts of their drop only. */
    public record Books(String dropId, Instant checkedAt, List<Drift> drifts) {
        public Books {
            drifts = List.copyOf(drifts);
        }

        public boolean clean() {
            return drifts.isEmpty();
        }
    }

    private final MerchantViews views;
    private final Reconciler reconciler;

    public ReconcileDrop(MerchantViews views, Reconciler reconciler) {
        this.views = views;
        this.reconciler = reconciler;
    }

    /** The drifts of the drop's SKUs and orders. */
    public Books reconcile(String dropId) {
        ReconciliationReport report = reconciler.reconcile();
        Set<String> orderIds = views.orders(dropId).stream().map(OrderRow::orderId).collect(Collectors.toSet());
        return new Books(dropId, report.at(), report.drifts().stream()
                .filter(d -> d.subject().startsWith(dropId + "/") || orderIds.contains(d.subject()))
                .toList());
    }
}
