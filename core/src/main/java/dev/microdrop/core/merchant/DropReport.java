package dev.microdrop.core.merchant;

import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.order.OrderStatus;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code GET .../kpis}: a drop's numbers, from its counters and what the merchant's views hold. */
public final class DropReport {

    private final MerchantViews views;
    private final KpiCalculator kpis;
    private final Clock clock;

    public DropReport(MerchantViews views, KpiCalculator kpis, Clock clock) {
        this.views = views;
        this.kpis = kpis;
        this.clock = clock;
    }

    public DropKpis kpis(DropSnapshot snapshot) {
        String dropId = snapshot.drop().dropId();
        List<OrderRow> orders = views.orders(dropId);
        Set<String> buyers = orders.stream().map(OrderRow::buyerId).collect(Collectors.toSet());
        List<String> skus = snapshot.drop().skus().stream().map(s -> s.sku()).toList();
        return kpis.compute(snapshot.drop(), snapshot.stock().values(), orders, views.buyersElsewhere(dropId, buyers),
                views.releasedByWave(dropId, snapshot.drop().skus()), views.waitlist(dropId, skus),
                views.insiders(dropId), views.fulfilment(dropId, orders.stream()
                        .filter(o -> o.status() == OrderStatus.PAID).map(OrderRow::orderId).toList()),
                clock.instant());
    }
}
