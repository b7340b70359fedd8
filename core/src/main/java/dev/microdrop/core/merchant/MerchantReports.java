package dev.microdrop.core.merchant;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.reconcile.Drift;
import dev.microdrop.core.reconcile.Reconciler;
import dev.microdrop.core.reconcile.ReconciliationReport;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What the merchant reads of a drop: its orders (searched, or all for the CSV), its KPIs, its reconciliation. */
public final class MerchantReports {

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
    private final KpiCalculator kpis;
    private final BuyerIds buyerIds;
    private final Reconciler reconciler;

    public MerchantReports(MerchantViews views, KpiCalculator kpis, BuyerIds buyerIds, Reconciler reconciler) {
        this.views = views;
        this.kpis = kpis;
        this.buyerIds = buyerIds;
        this.reconciler = reconciler;
    }

    /**
     * The drop's orders with {@code status} (any if null), of the buyer with {@code buyerEmail} (any if null):
     * matched through the buyer id, an e-mail is never stored in clear.
     */
    public List<OrderRow> orders(String dropId, String status, String buyerEmail) {
        String buyer = buyerEmail == null ? null : buyerIds.of(buyerEmail).value();
        return views.orders(dropId).stream()
                .filter(o -> status == null || o.status().name().equalsIgnoreCase(status))
                .filter(o -> buyer == null || o.buyerId().equals(buyer))
                .toList();
    }

    public DropKpis kpis(DropSnapshot snapshot) {
        String dropId = snapshot.drop().dropId();
        List<OrderRow> orders = views.orders(dropId);
        Set<String> buyers = orders.stream().map(OrderRow::buyerId).collect(Collectors.toSet());
        List<String> skus = snapshot.drop().skus().stream().map(s -> s.sku()).toList();
        return kpis.compute(snapshot.drop(), snapshot.stock().values(), orders, views.buyersElsewhere(dropId, buyers),
                views.releasedByWave(dropId, snapshot.drop().skus()), views.waitlist(dropId, skus),
                views.insiders(dropId));
    }

    /** The table's reconciliation, narrowed to the drop's SKUs and orders. */
    public Books reconcile(String dropId) {
        ReconciliationReport report = reconciler.reconcile();
        Set<String> orderIds = views.orders(dropId).stream().map(OrderRow::orderId).collect(Collectors.toSet());
        return new Books(dropId, report.at(), report.drifts().stream()
                .filter(d -> d.subject().startsWith(dropId + "/") || orderIds.contains(d.subject()))
                .toList());
    }
}
