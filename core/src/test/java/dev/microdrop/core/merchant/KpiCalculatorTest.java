package dev.microdrop.core.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.drop.WavePlan;
import dev.microdrop.core.order.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demand KPIs from waitlist places, claims and insiders' tokens: plain arithmetic, no I/O. */
class KpiCalculatorTest {

    private static final Instant OPENS = Instant.parse("2026-11-28T18:00:00Z");
    private static final Drop DROP = new Drop("neon-runners", "Neon Runners", Currency.getInstance("EUR"), OPENS,
            OPENS.plus(Duration.ofDays(7)), 2, Duration.ofMinutes(10), true, List.of(new PickupHub("hub", "Hub")),
            List.of(new Sku("NR-42", "nr", "Neon Runner", "42", Money.of(9_000, "EUR"), 10),
                    new Sku("NR-43", "nr", "Neon Runner", "43", Money.of(9_000, "EUR"), 10)),
            WavePlan.standard(OPENS));
    private static final KpiCalculator KPIS = new KpiCalculator(0.015, 25);
    private static final List<StockLevel> STOCK = List.of(new StockLevel("NR-42", 4, 0, 1, 3),
            new StockLevel("NR-43", 4, 4, 0, 0));

    @Test
    void demandRates_countBuyersWhoWaitedOverBuyersNotified_andClaimsThatWerePaid() {
        // Five places from four buyers; three claims offered (w1, w2, w3), w1's paid, w3's paid then refunded,
        // w2's lapsed. Insiders issued tokens: w2 (also offered a claim) and vip.
        List<WaitlistRow> waitlist = List.of(
                new WaitlistRow("NR-42", "w1", "OFFERED", "ord_w1"),
                new WaitlistRow("NR-42", "w2", "OFFERED", "ord_w2"),
                new WaitlistRow("NR-42", "w3", "OFFERED", "ord_w3"),
                new WaitlistRow("NR-42", "w4", "WAITING", null),
                new WaitlistRow("NR-43", "w1", "WAITING", null));
        List<OrderRow> orders = List.of(
                order("ord_w1", "w1", OrderStatus.PAID, OPENS.plusSeconds(600)),
                order("ord_w2", "w2", OrderStatus.EXPIRED, null),
                order("ord_w3", "w3", OrderStatus.REFUNDED, OPENS.plusSeconds(900)),
                order("ord_x", "x", OrderStatus.PAID, OPENS.plusSeconds(60)));

        DropKpis kpis = KPIS.compute(DROP, STOCK, orders, Set.of(), Map.of(), waitlist, Set.of("w2", "vip"), List.of(), OPENS);

        assertThat(kpis.demand()).isEqualTo(new DropKpis.Demand(0, 5, 4, 3, 2, 2, 4));
        // (0 pre-orders + 4 waiting buyers) ÷ 4 notified buyers (w1, w2, w3, vip)
        assertThat(kpis.qualifiedDemandRate()).isEqualTo(1.0);
        // 2 of the 3 claims were paid (a refund afterwards does not undo the conversion)
        assertThat(kpis.waitlistConversion()).isEqualTo(2.0 / 3);
    }

    @Test
    void preordersWithAPaidDeposit_areQualifiedDemand_butNeverStockSales() {
        List<OrderRow> orders = List.of(
                order("ord_c", "c", OrderStatus.PAID, OPENS.plusSeconds(60)),
                preorder("ord_p1", "p1", OrderStatus.RESERVED, null),
                preorder("ord_p2", "p2", OrderStatus.PAID, OPENS.plusSeconds(7_200)),
                preorder("ord_p3", "p3", OrderStatus.EXPIRED, null),
                preorder("ord_p4", "p1", OrderStatus.BALANCE_DUE, null));

        DropKpis kpis = KPIS.compute(DROP, STOCK, orders, Set.of(), Map.of(), List.of(), Set.of("v1", "v2", "v3", "v4"), List.of(), OPENS);

        // p1 (two pre-orders) and p2 paid a deposit; p3's deposit hold expired unpaid.
        assertThat(kpis.demand().preOrders()).isEqualTo(2);
        assertThat(kpis.qualifiedDemandRate()).isEqualTo(0.5);
        // Revenue counts the paid pre-order; hold-to-paid and the waves count the one checkout only.
        assertThat(kpis.revenueMinorUnits()).isEqualTo(18_000);
        assertThat(kpis.holdToPaid()).isEqualTo(1.0);
        assertThat(kpis.waves().stream().mapToInt(DropKpis.WaveKpis::unitsSold).sum()).isEqualTo(1);
    }

    @Test
    void demandRates_canExceedOne_whenMoreBuyersWaitThanWereNotified() {
        List<WaitlistRow> waitlist = List.of(new WaitlistRow("NR-42", "a", "WAITING", null),
                new WaitlistRow("NR-42", "b", "WAITING", null), new WaitlistRow("NR-42", "c", "SKIPPED", null));

        DropKpis kpis = KPIS.compute(DROP, STOCK, List.of(), Set.of(), Map.of(), waitlist, Set.of("vip"), List.of(), OPENS);

        assertThat(kpis.qualifiedDemandRate()).isEqualTo(3.0);
        assertThat(kpis.waitlistConversion()).as("no claim offered yet").isNull();
    }

    @Test
    void demandRates_areNull_whenNobodyWasNotified() {
        DropKpis kpis = KPIS.compute(DROP, STOCK, List.of(), Set.of(), Map.of(), List.of(), Set.of(), List.of(), OPENS);

        assertThat(kpis.qualifiedDemandRate()).isNull();
        assertThat(kpis.waitlistConversion()).isNull();
        assertThat(kpis.demand()).isEqualTo(new DropKpis.Demand(0, 0, 0, 0, 0, 0, 0));
    }

    private static OrderRow preorder(String orderId, String buyer, OrderStatus status, Instant paidAt) {
        return new OrderRow(orderId, "neon-runners", buyer, status, 9_000, "EUR", Map.of("NR-42", 1),
                OPENS.plusSeconds(30), paidAt, "pi_" + orderId, null, true);
    }

    private static OrderRow order(String orderId, String buyer, OrderStatus status, Instant paidAt) {
        return new OrderRow(orderId, "neon-runners", buyer, status, 9_000, "EUR", Map.of("NR-42", 1),
                OPENS.plusSeconds(30), paidAt, "pi_" + orderId, null);
    }

    /**
     * A wave's {@code at} is the catalog's time for it, the public opening for wave 1, even when its units went
     * out earlier for insiders ({@code releasedAt}); insiders' sales still count for wave 1.
     */
    @org.junit.jupiter.api.Test
    void waveOnesTime_isTheCatalogsOpening_andItsUnitsWentOutWithEarlyAccess() {
        java.time.Instant opens = java.time.Instant.parse("2026-12-01T18:00:00Z");
        dev.microdrop.core.drop.Drop drop = new dev.microdrop.core.drop.Drop("kpi-drop", "KPIs",
                java.util.Currency.getInstance("EUR"), opens, opens.plus(java.time.Duration.ofDays(1)), 2,
                java.time.Duration.ofMinutes(10), true, List.of(new dev.microdrop.core.drop.PickupHub("hub", "Hub")),
                List.of(new dev.microdrop.core.drop.Sku("A", "a", "A", "One", dev.microdrop.core.drop.Money.of(900, "EUR"),
                        10)),
                dev.microdrop.core.drop.WavePlan.standard(opens), true,
                new dev.microdrop.core.drop.Insiders(opens.minus(java.time.Duration.ofHours(1)), 1_000, 1));

        List<DropKpis.WaveKpis> waves = new KpiCalculator(0.015, 25).compute(drop, List.of(), List.of(), java.util.Set.of(),
                java.util.Map.of(), List.of(), java.util.Set.of(), List.of(), opens).waves();

        assertThat(waves.get(0).at()).isEqualTo(opens.toString());
        assertThat(waves.get(0).releasedAt()).isEqualTo(opens.minus(java.time.Duration.ofHours(1)).toString());
        assertThat(waves.get(1).at()).isEqualTo(waves.get(1).releasedAt());
    }
    @Test
    void fulfilment_countsPickupsAndShipments_timesEachStep_andThePickupPromisesKept() {
        // kreuzberg promises 3 hours from payment, mitte promises nothing. Asked at T0 + 5h.
        Instant t0 = OPENS.plus(Duration.ofHours(1));
        Instant now = t0.plus(Duration.ofHours(5));
        Drop drop = withHubs(new PickupHub("kreuzberg", "Kreuzberg", List.of(), null, null, Duration.ofHours(3)),
                new PickupHub("mitte", "Mitte"));
        List<OrderRow> orders = List.of(
                order("p1", "b1", OrderStatus.PAID, t0), order("p2", "b2", OrderStatus.PAID, t0),
                order("p3", "b3", OrderStatus.PAID, t0), order("p4", "b4", OrderStatus.PAID, t0.plus(hours(4))),
                order("p5", "b5", OrderStatus.PAID, t0), order("p6", "b6", OrderStatus.REFUNDED, t0),
                order("s1", "b7", OrderStatus.PAID, t0), order("s2", "b8", OrderStatus.PAID, t0),
                order("s3", "b9", OrderStatus.PAID, t0));
        List<FulfilmentRow> rows = List.of(
                new FulfilmentRow("p1", "kreuzberg", t0.plus(hours(1)), t0.plus(Duration.ofMinutes(90)), null),
                new FulfilmentRow("p2", "kreuzberg", t0.plus(hours(4)), t0.plus(hours(6)), null),
                new FulfilmentRow("p3", "kreuzberg", null, null, null),
                new FulfilmentRow("p4", "kreuzberg", null, null, null),
                new FulfilmentRow("p5", "mitte", t0.plus(hours(2)), null, null),
                new FulfilmentRow("p6", "kreuzberg", t0.plus(hours(1)), null, null),
                new FulfilmentRow("s1", null, null, null, t0.plus(Duration.ofDays(1))),
                new FulfilmentRow("s2", null, null, null, t0.plus(hours(2))),
                new FulfilmentRow("s3", null, null, null, null));

        DropKpis.FulfilmentKpis kpis = KPIS.compute(drop, STOCK, orders, Set.of(), Map.of(), List.of(), Set.of(),
                rows, now).fulfilment();

        // By hand. p6 is refunded: left out. Pickups p1..p5 (5), shipments s1..s3 (3); ready p1, p2, p5 (3);
        // collected p1, p2 (2); shipped s1, s2 (2).
        // paid -> ready: 3600, 14400, 7200 s; sorted 3600, 7200, 14400: p50 is rank ceil(1.5) = 2 -> 7200,
        // p90 rank ceil(2.7) = 3 -> 14400.
        // ready -> collected: 1800 (p1), 7200 (p2): p50 rank 1 -> 1800, p90 rank ceil(1.8) = 2 -> 7200.
        // paid -> shipped: 86400 (s1), 7200 (s2): sorted 7200, 86400: p50 7200, p90 86400.
        // Promise (kreuzberg, 3h): p1 ready in 1h (kept), p2 in 4h (broken), p3 unready past t0 + 3h (broken),
        // p4 paid at t0 + 4h, due at t0 + 7h, not yet (left out); mitte's p5 promises nothing. 1 kept of 3 due.
        assertThat(kpis).isEqualTo(new DropKpis.FulfilmentKpis(5, 3, 3, 2, 2,
                new DropKpis.Percentiles(3, 7200L, 14400L), new DropKpis.Percentiles(2, 1800L, 7200L),
                new DropKpis.Percentiles(2, 7200L, 86400L), 3, 1.0 / 3));
    }

    @Test
    void pickupPromiseKept_isNull_whenNoHubPromisesAnything() {
        Instant t0 = OPENS.plus(Duration.ofHours(1));
        DropKpis.FulfilmentKpis kpis = KPIS.compute(DROP, STOCK, List.of(order("p1", "b1", OrderStatus.PAID, t0)),
                Set.of(), Map.of(), List.of(), Set.of(), List.of(new FulfilmentRow("p1", "hub", null, null, null)),
                t0.plus(Duration.ofDays(3))).fulfilment();

        assertThat(kpis.pickupPromiseKept()).isNull();
        assertThat(kpis.pickupPromiseDue()).isZero();
        assertThat(kpis.paidToReady()).isEqualTo(new DropKpis.Percentiles(0, null, null));
        assertThat(kpis.pickupOrders()).isEqualTo(1);
    }

    private static Duration hours(int hours) {
        return Duration.ofHours(hours);
    }

    private static Drop withHubs(PickupHub... hubs) {
        return new Drop(DROP.dropId(), DROP.name(), DROP.currency(), DROP.opensAt(), DROP.closesAt(),
                DROP.perBuyerLimit(), DROP.holdDuration(), true, List.of(hubs), DROP.skus(), DROP.wavePlan());
    }
}
