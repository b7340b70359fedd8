package dev.microdrop.merchant;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.merchant.DropOrders;
import dev.microdrop.core.merchant.DropReport;
import dev.microdrop.core.merchant.ReconcileDrop;
import dev.microdrop.function.http.Responses;
import java.util.Map;

/** What the merchant reads about a drop: its KPIs, its orders (JSON and CSV), whether its books balance. */
final class ReportRoutes {

    private final DropOrders orders;
    private final DropReport report;
    private final ReconcileDrop reconciling;
    private final Responses responses;

    ReportRoutes(DropOrders orders, DropReport report, ReconcileDrop reconciling, Responses responses) {
        this.orders = orders;
        this.report = report;
        this.reconciling = reconciling;
        this.responses = responses;
    }

    /** {@code GET .../orders}: the drop's orders, searched by {@code status} and {@code buyerEmail}. */
    APIGatewayV2HTTPResponse orders(DropSnapshot snapshot, Map<String, String> query) {
        Map<String, String> q = query == null ? Map.of() : query;
        return responses.json(200, Map.of("orders", orders.orders(snapshot.drop().dropId(), q.get("status"),
                q.get("buyerEmail")).stream().map(OrderRowJson::of).toList()), Map.of("cache-control", "no-store"));
    }

    /** {@code GET .../orders.csv}: every order of the drop, for reconciling money (no e-mails, no addresses). */
    APIGatewayV2HTTPResponse csv(DropSnapshot snapshot) {
        String dropId = snapshot.drop().dropId();
        return responses.raw(200, OrdersCsv.write(orders.orders(dropId, null, null)), "text/csv; charset=utf-8",
                Map.of("cache-control", "no-store",
                        "content-disposition", "attachment; filename=\"" + dropId + "-orders.csv\""));
    }

    /** {@code GET .../kpis}. */
    APIGatewayV2HTTPResponse kpisOf(DropSnapshot snapshot) {
        return responses.json(200, report.kpis(snapshot), Map.of("cache-control", "no-store"));
    }

    /** {@code GET .../reconcile}: the drop's books; 409 with every drift where they do not balance. */
    APIGatewayV2HTTPResponse reconcile(String dropId) {
        ReconcileDrop.Books books = reconciling.reconcile(dropId);
        return responses.json(books.clean() ? 200 : 409, Map.of("dropId", dropId, "checkedAt",
                books.checkedAt().toString(), "clean", books.clean(), "drifts", books.drifts()),
                Map.of("cache-control", "no-store"));
    }
}
