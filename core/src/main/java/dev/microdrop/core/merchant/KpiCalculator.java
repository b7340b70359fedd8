package dev.microdrop.core.merchant;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.drop.Wave;
import dev.microdrop.core.order.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Computes a drop's KPIs from its counters, its orders and what its buyers bought elsewhere. Pure arithmetic. */
public final class KpiCalculator {

    private static final Set<OrderStatus> FINISHED = EnumSet.of(OrderStatus.PAID, OrderStatus.REFUNDED,
            OrderStatus.EXPIRED, OrderStatus.CANCELLED);

    /** A pre-order in one of these had its deposit paid: qualified demand. */
    private static final Set<OrderStatus> DEPOSIT_PAID = EnumSet.of(OrderStatus.RESERVED, OrderStatus.BALANCE_DUE,
            OrderStatus.PAID, OrderStatus.REFUNDED);

    private final double feeRate;
    private final long feeFixedMinorUnits;

    /** @param feeRate e.g. 0.015 for 1.5%; {@code feeFixedMinorUnits} per paid order, e.g. 25 */
    public KpiCalculator(double feeRate, long feeFixedMinorUnits) {
        this.feeRate = feeRate;
        this.feeFixedMinorUnits = feeFixedMinorUnits;
    }

    /**
     * @param buyersElsewhere ids of this drop's buyers who also hold or own units of another drop
     * @param releasedByWave  units released per wave number (from the ledger)
     * @param waitlist        the drop's waitlist places, every SKU
     * @param insiders        ids of the buyers issued an access token for the drop
     * @param fulfilment      how the drop's paid orders are being handed over (orders without a row are left out of
     *                        the fulfilment figures)
     * @param now             when the KPIs are asked for: a pickup promise not yet due is neither kept nor broken
     */
    public DropKpis compute(Drop drop, Collection<StockLevel> stock, List<OrderRow> orders, Set<String> buyersElsewhere,
            Map<Integer, Integer> releasedByWave, List<WaitlistRow> waitlist, Set<String> insiders,
            List<FulfilmentRow> fulfilment, Instant now) {
        int total = drop.skus().stream().mapToInt(s -> s.totalUnits()).sum();
        int released = stock.stream().mapToInt(StockLevel::released).sum();
        int available = stock.stream().mapToInt(StockLevel::available).sum();
        int held = stock.stream().mapToInt(StockLevel::held).sum();
        int sold = stock.stream().mapToInt(StockLevel::sold).sum();

        List<OrderRow> paidAll = orders.stream().filter(o -> o.status() == OrderStatus.PAID).toList();
        long revenue = paidAll.stream().mapToLong(OrderRow::amountMinorUnits).sum();
        // Stock figures (sell-through, hold-to-paid, per wave) count checkouts only: a pre-order took no stock.
        List<OrderRow> checkouts = orders.stream().filter(o -> !o.preorder()).toList();
        List<OrderRow> paid = paidAll.stream().filter(o -> !o.preorder()).toList();
        long refunded = orders.stream().filter(o -> o.status() == OrderStatus.REFUNDED && o.paidAt() != null)
                .mapToLong(OrderRow::amountMinorUnits).sum();
        long fees = Math.round(revenue * feeRate) + feeFixedMinorUnits * paidAll.size();
        long finished = checkouts.stream().filter(o -> FINISHED.contains(o.status())).count();
        long paidEver = checkouts.stream().filter(o -> o.paidAt() != null).count();
        Set<String> buyers = orders.stream().filter(o -> o.paidAt() != null).map(OrderRow::buyerId)
                .collect(Collectors.toSet());
        long repeat = buyers.stream().filter(buyersElsewhere::contains).count();
        DropKpis.Demand demand = demand(orders, waitlist, insiders);

        return new DropKpis(drop.dropId(), drop.currency().getCurrencyCode(), total, released, available, held, sold,
                rate(sold, released), rate(paidUnitsWithin(paid, drop.opensAt(), Duration.ofDays(7)), total),
                rate(paidUnitsWithin(paid, drop.opensAt(), Duration.ofDays(30)), total),
                rate(paidEver, finished), rate(repeat, buyers.size()),
                rate(demand.preOrders() + demand.waitlistBuyers(), demand.buyersNotified()),
                rate(demand.claimsPaid(), demand.claimsOffered()),
                revenue, refunded, fees, revenue - fees,
                orders.stream().collect(Collectors.groupingBy(o -> o.status().spelling(),
                        TreeMap::new, Collectors.counting())),
                waves(drop, paid, releasedByWave), demand, fulfilment(drop, paidAll, fulfilment, now));
    }

    /**
     * The hand-over of the orders paid now (a refunded order leaves these figures, whatever happened to it before):
     * how many are picked up and shipped, how long each step took, and how often a hub kept its pickup promise. A
     * promise counts once it is due: the order was made ready (kept when within the promise, counted from payment),
     * or the promise ran out with the order still not ready (broken).
     */
    private static DropKpis.FulfilmentKpis fulfilment(Drop drop, List<OrderRow> paid, List<FulfilmentRow> rows,
            Instant now) {
        Map<String, FulfilmentRow> byId = rows.stream()
                .collect(Collectors.toMap(FulfilmentRow::orderId, r -> r, (a, b) -> a));
        List<Duration> paidToReady = new ArrayList<>();
        List<Duration> readyToCollected = new ArrayList<>();
        List<Duration> paidToShipped = new ArrayList<>();
        int pickups = 0;
        int shipments = 0;
        int ready = 0;
        int collected = 0;
        int shipped = 0;
        int due = 0;
        int kept = 0;
        for (OrderRow order : paid) {
            FulfilmentRow row = byId.get(order.orderId());
            if (row == null || order.paidAt() == null) {
                continue;
            }
            if (!row.pickup()) {
                shipments++;
                if (row.shippedAt() != null) {
                    shipped++;
                    paidToShipped.add(Duration.between(order.paidAt(), row.shippedAt()));
                }
                continue;
            }
            pickups++;
            if (row.readyAt() != null) {
                ready++;
                paidToReady.add(Duration.between(order.paidAt(), row.readyAt()));
            }
            if (row.collectedAt() != null) {
                collected++;
                readyToCollected.add(Duration.between(row.readyAt(), row.collectedAt()));
            }
            Duration promise = drop.hub(row.hubId()).map(PickupHub::pickupPromise).orElse(null);
            if (promise != null) {
                Instant deadline = order.paidAt().plus(promise);
                if (row.readyAt() != null || !now.isBefore(deadline)) {
                    due++;
                    if (row.readyAt() != null && !row.readyAt().isAfter(deadline)) {
                        kept++;
                    }
                }
            }
        }
        boolean promised = drop.hubs().stream().anyMatch(h -> h.pickupPromise() != null);
        return new DropKpis.FulfilmentKpis(pickups, shipments, ready, collected, shipped,
                DropKpis.Percentiles.of(paidToReady), DropKpis.Percentiles.of(readyToCollected),
                DropKpis.Percentiles.of(paidToShipped), due, promised ? rate(kept, due) : null);
    }

    /**
     * Demand and notices, from the pre-orders, the waitlist and the insiders issued tokens. A pre-order counts once
     * its deposit was paid (reserved, balance due, paid, or refunded after); a claim converts when its order was
     * paid (its {@code paidAt} is kept through a later refund).
     */
    private static DropKpis.Demand demand(List<OrderRow> orders, List<WaitlistRow> waitlist, Set<String> insiders) {
        Map<String, OrderRow> byId = orders.stream().collect(Collectors.toMap(OrderRow::orderId, o -> o, (a, b) -> a));
        List<WaitlistRow> offered = waitlist.stream().filter(WaitlistRow::offered).toList();
        int paid = (int) offered.stream().map(w -> byId.get(w.orderId()))
                .filter(o -> o != null && o.paidAt() != null).count();
        Set<String> notified = new java.util.HashSet<>(insiders);
        offered.forEach(w -> notified.add(w.buyerId()));
        int waitlistBuyers = (int) waitlist.stream().map(WaitlistRow::buyerId).distinct().count();
        int preorderBuyers = (int) orders.stream().filter(o -> o.preorder() && DEPOSIT_PAID.contains(o.status()))
                .map(OrderRow::buyerId).distinct().count();
        return new DropKpis.Demand(preorderBuyers, waitlist.size(), waitlistBuyers, offered.size(), paid,
                insiders.size(), notified.size());
    }

    private static List<DropKpis.WaveKpis> waves(Drop drop, List<OrderRow> paid, Map<Integer, Integer> releasedByWave) {
        List<Wave> plan = drop.wavePlan().waves();
        List<DropKpis.WaveKpis> waves = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            // Wave 1 goes out when early access begins, so insiders' sales count for it.
            Instant from = drop.waveAt(plan.get(i).number());
            Instant to = i + 1 < plan.size() ? drop.waveAt(plan.get(i + 1).number()) : Instant.MAX;
            int units = paid.stream().filter(o -> !o.paidAt().isBefore(from) && o.paidAt().isBefore(to))
                    .mapToInt(OrderRow::totalUnits).sum();
            waves.add(new DropKpis.WaveKpis(plan.get(i).number(), plan.get(i).at().toString(), from.toString(),
                    releasedByWave.getOrDefault(plan.get(i).number(), 0), units));
        }
        return waves;
    }

    private static int paidUnitsWithin(List<OrderRow> paid, Instant opensAt, Duration window) {
        Instant end = opensAt.plus(window);
        return paid.stream().filter(o -> o.paidAt().isBefore(end)).mapToInt(OrderRow::totalUnits).sum();
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
