package dev.microdrop.core.shop;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.merchant.DropKpis.Percentiles;
import dev.microdrop.core.order.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Computes a shop's KPIs from its history across drops. Pure arithmetic: no I/O, no clock (the caller says
 * {@code asOf}). A buyer is the same {@link BuyerId} in every drop of the shop.
 */
public final class ShopKpiCalculator {

    private static final Duration REPEAT_WINDOW = Duration.ofDays(90);

    /** A pre-order in one of these had its deposit paid, as the drop's KPIs count it ({@code KpiCalculator}). */
    private static final Set<OrderStatus> DEPOSIT_PAID = EnumSet.of(OrderStatus.RESERVED, OrderStatus.BALANCE_DUE,
            OrderStatus.PAID, OrderStatus.REFUNDED);

    public ShopKpis compute(ShopHistory history, Instant asOf) {
        List<SurveyAnswer> answers = firstAnswers(history.surveys());
        List<ShopKpis.DropFigures> drops = history.drops().stream()
                .map(drop -> new ShopKpis.DropFigures(drop.dropId(), demand(drop.dropId(), history),
                        sellThrough(drop, history.orders()),
                        survey(answers.stream().filter(a -> a.dropId().equals(drop.dropId())).toList())))
                .toList();
        return new ShopKpis(asOf, cohorts(history.orders(), asOf), drops, fulfilment(history.orders()),
                survey(answers));
    }

    /**
     * A purchase is an order paid by {@code asOf} (a later refund does not undo it, as in the drop's repeat-buyer
     * rate). A buyer's cohort is the month (UTC) of their first purchase; they bought again when another of their
     * orders, in any drop, was paid no later than 90 days (90 × 24 h) after the first.
     */
    private static List<ShopKpis.Cohort> cohorts(List<ShopOrder> orders, Instant asOf) {
        Map<BuyerId, List<Instant>> purchases = orders.stream()
                .filter(o -> o.purchased() && !o.paidAt().isAfter(asOf))
                .collect(Collectors.groupingBy(ShopOrder::buyerId,
                        Collectors.mapping(ShopOrder::paidAt, Collectors.toList())));
        Map<YearMonth, int[]> byMonth = new TreeMap<>();
        purchases.values().forEach(paid -> {
            List<Instant> sorted = paid.stream().sorted().toList();
            Instant first = sorted.get(0);
            boolean again = sorted.size() > 1 && !sorted.get(1).isAfter(first.plus(REPEAT_WINDOW));
            int[] counts = byMonth.computeIfAbsent(YearMonth.from(first.atOffset(ZoneOffset.UTC)), m -> new int[2]);
            counts[0]++;
            counts[1] += again ? 1 : 0;
        });
        List<ShopKpis.Cohort> cohorts = new ArrayList<>();
        byMonth.forEach((month, counts) -> {
            Instant lastWindowEnds = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)
                    .plus(REPEAT_WINDOW);
            boolean closed = !asOf.isBefore(lastWindowEnds);
            cohorts.add(new ShopKpis.Cohort(month, counts[0], counts[1], closed,
                    closed ? rate(counts[1], counts[0]) : null));
        });
        return cohorts;
    }

    private static ShopKpis.Demand demand(String dropId, ShopHistory history) {
        Set<BuyerId> preorders = history.orders().stream()
                .filter(o -> o.dropId().equals(dropId) && o.preorder() && DEPOSIT_PAID.contains(o.status()))
                .map(ShopOrder::buyerId).collect(Collectors.toSet());
        Set<BuyerId> early = history.earlyAccess().stream().filter(e -> e.dropId().equals(dropId))
                .map(EarlyAccessEntry::buyerId).collect(Collectors.toSet());
        Set<BuyerId> demand = new HashSet<>(preorders);
        demand.addAll(early);
        long notified = history.notified().stream().filter(n -> n.dropId().equals(dropId))
                .map(Notified::buyerId).distinct().count();
        return new ShopKpis.Demand(preorders.size(), early.size(), demand.size(), (int) notified,
                rate(demand.size(), notified));
    }

    /** As the drop's KPIs: checkouts still paid, paid before the window's end, over the drop's total units. */
    private static ShopKpis.SellThrough sellThrough(ShopDrop drop, List<ShopOrder> orders) {
        List<ShopOrder> paid = orders.stream()
                .filter(o -> o.dropId().equals(drop.dropId()) && !o.preorder() && o.paidNow()).toList();
        int within7 = unitsPaidBefore(paid, drop.opensAt().plus(Duration.ofDays(7)));
        int within30 = unitsPaidBefore(paid, drop.opensAt().plus(Duration.ofDays(30)));
        return new ShopKpis.SellThrough(drop.totalUnits(), within7, within30, rate(within7, drop.totalUnits()),
                rate(within30, drop.totalUnits()));
    }

    private static int unitsPaidBefore(List<ShopOrder> paid, Instant end) {
        return paid.stream().filter(o -> o.paidAt().isBefore(end)).mapToInt(ShopOrder::units).sum();
    }

    private static ShopKpis.Fulfilment fulfilment(List<ShopOrder> orders) {
        List<Duration> paidToReady = new ArrayList<>();
        List<Duration> readyToCollected = new ArrayList<>();
        List<Duration> paidToShipped = new ArrayList<>();
        List<Duration> paidToHandedOver = new ArrayList<>();
        int pickups = 0;
        int shipments = 0;
        for (ShopOrder order : orders) {
            if (!order.paidNow()) {
                continue;
            }
            if (order.fulfilment() == ShopOrder.Fulfilment.SHIP) {
                shipments++;
                if (order.shippedAt() != null) {
                    paidToShipped.add(Duration.between(order.paidAt(), order.shippedAt()));
                    paidToHandedOver.add(Duration.between(order.paidAt(), order.shippedAt()));
                }
                continue;
            }
            pickups++;
            if (order.readyAt() != null) {
                paidToReady.add(Duration.between(order.paidAt(), order.readyAt()));
                if (order.collectedAt() != null) {
                    readyToCollected.add(Duration.between(order.readyAt(), order.collectedAt()));
                    paidToHandedOver.add(Duration.between(order.paidAt(), order.collectedAt()));
                }
            }
        }
        return new ShopKpis.Fulfilment(pickups, shipments, rate(pickups, pickups + shipments),
                rate(shipments, pickups + shipments), Percentiles.of(paidToReady), Percentiles.of(readyToCollected),
                Percentiles.of(paidToShipped), Percentiles.of(paidToHandedOver));
    }

    /** One answer per buyer and drop: the first recorded (by {@code at}; on a tie, the first listed). */
    private static List<SurveyAnswer> firstAnswers(List<SurveyAnswer> answers) {
        Map<List<String>, SurveyAnswer> first = new LinkedHashMap<>();
        answers.stream().sorted(Comparator.comparing(SurveyAnswer::at))
                .forEach(a -> first.putIfAbsent(List.of(a.dropId(), a.buyerId().value()), a));
        return List.copyOf(first.values());
    }

    private static ShopKpis.Survey survey(List<SurveyAnswer> answers) {
        int promoters = (int) answers.stream().filter(a -> a.score() >= 9).count();
        int detractors = (int) answers.stream().filter(a -> a.score() <= 6).count();
        int sum = answers.stream().mapToInt(SurveyAnswer::score).sum();
        return new ShopKpis.Survey(answers.size(), promoters, detractors, answers.isEmpty() ? null
                : (double) sum / answers.size(), answers.isEmpty() ? null
                : 100.0 * (promoters - detractors) / answers.size());
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
