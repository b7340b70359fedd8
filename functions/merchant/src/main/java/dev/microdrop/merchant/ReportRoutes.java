package dev.microdrop.merchant;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.merchant.DropKpis;
import dev.microdrop.core.merchant.KpiCalculator;
import dev.microdrop.core.merchant.OrderRow;
import dev.microdrop.core.reconcile.ReconciliationReport;
import dev.microdrop.function.http.Responses;
import dev.microdrop.infrastructure.dynamodb.DynamoDbMerchantViews;
import dev.microdrop.infrastructure.dynamodb.DynamoDbReconciler;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What the merchant reads about a drop: its KPIs, its orders (JSON and CSV), whether its books balance. */
final class ReportRoutes {

    private final DynamoDbMerchantViews views;
    private final KpiCalculator kpis;
    private final BuyerIds buyerIds;
    private final DynamoDbReconciler reconciler;
    private final Responses responses;

    ReportRoutes(DynamoDbMerchantViews views, KpiCalculator kpis, BuyerIds buyerIds, DynamoDbReconciler reconciler,
            Responses responses) {
        this.views = views;
        this.kpis = kpis;
        this.buyerIds = buyerIds;
        this.reconciler = reconciler;
        this.responses = responses;
    }

    /** {@code GET .../orders}: the drop's orders, searched by {@code status} and {@code buyerEmail}. */
    APIGatewayV2HTTPResponse orders(DropSnapshot snapshot, Map<String, String> query) {
        return responses.json(200, Map.of("orders", filtered(snapshot.drop().dropId(), query).stream()
                .map(OrderRowJson::of).toList()), Map.of("cache-control", "no-store"));
    }

    /** {@code GET .../orders.csv}: every order of the drop, for reconciling money (no e-mails, no addresses). */
    APIGatewayV2HTTPResponse csv(DropSnapshot snapshot) {
        String dropId = snapshot.drop().dropId();
        return responses.raw(200, OrdersCsv.write(views.orders(dropId)), "text/csv; charset=utf-8",
                Map.of("cache-control", "no-store",
                        "content-disposition", "attachment; filename=\"" + dropId + "-orders.csv\""));
    }

    /** {@code GET .../kpis}. */
    APIGatewayV2HTTPResponse kpisOf(DropSnapshot snapshot) {
        return responses.json(200, kpis(snapshot), Map.of("cache-control", "no-store"));
    }

    private DropKpis kpis(DropSnapshot snapshot) {
        String dropId = snapshot.drop().dropId();
        List<OrderRow> orders = views.orders(dropId);
        Set<String> buyers = orders.stream().map(OrderRow::buyerId).collect(Collectors.toSet());
        List<String> skus = snapshot.drop().skus().stream().map(s -> s.sku()).toList();
        return kpis.compute(snapshot.drop(), snapshot.stock().values(), orders, views.buyersElsewhere(dropId, buyers),
                views.releasedByWave(dropId, snapshot.drop().skus()), views.waitlist(dropId, skus), views.insiders(dropId));
    }

    /** Search by {@code status} and by the buyer's e-mail (matched through its buyer id, never stored in clear). */
    private List<OrderRow> filtered(String dropId, Map<String, String> query) {
        Map<String, String> q = query == null ? Map.of() : query;
        String status = q.get("status");
        String buyer = q.containsKey("buyerEmail") ? buyerIds.of(q.get("buyerEmail")).value() : null;
        return views.orders(dropId).stream()
                .filter(o -> status == null || o.status().name().equalsIgnoreCase(status))
                .filter(o -> buyer == null || o.buyerId().equals(buyer))
                .toList();
    }

    APIGatewayV2HTTPResponse reconcile(String dropId) {
        ReconciliationReport report = reconciler.reconcile();
        // The scan covers the table; a merchant sees the drifts of their drop only.
        Set<String> orderIds = views.orders(dropId).stream().map(OrderRow::orderId).collect(Collectors.toSet());
        var drifts = report.drifts().stream()
                .filter(d -> d.subject().startsWith(dropId + "/") || orderIds.contains(d.subject()))
                .toList();
        return responses.json(drifts.isEmpty() ? 200 : 409, Map.of("dropId", dropId, "checkedAt", report.at().toString(),
                "clean", drifts.isEmpty(), "drifts", drifts), Map.of("cache-control", "no-store"));
    }
}
