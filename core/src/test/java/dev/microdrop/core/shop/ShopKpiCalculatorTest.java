package dev.microdrop.core.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.merchant.DropKpis.Percentiles;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.shop.ShopOrder.Fulfilment;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shop's KPIs on one small seeded history, every figure worked out by hand in the comments; then the edges.
 *
 * <pre>
 * Drops: D1 spring-kicks opens 2026-03-10T18:00Z, 20 units; D2 summer-tees opens 2026-05-01T18:00Z, 10 units;
 *        D3 autumn-caps opens 2026-08-20T18:00Z, 5 units.                          asOf = 2026-10-01T00:00Z
 *
 * order buyer drop status    paidAt            how     ready / collected / shipped (after paid)  units
 * o1    ada   D1   PAID      03-10T19:00       pickup  ready +7200 s, collected +86400 s after ready  2
 * o2    bo    D1   PAID      03-10T20:00       ship    shipped +86400                                  1
 * o3    cy    D1   REFUNDED  03-10T21:00       pickup  -                                               3
 * o4    dee   D1   PAID      03-20T18:00 (+10d) pickup ready +14400                                   4
 * o5    eve   D1   RESERVED  -  (pre-order, deposit paid)  pickup                                      1
 * o6    fay   D1   EXPIRED   -                 ship                                                    1
 * o7    gus   D1   PAID      03-10T17:00 (early access, before opening)  ship  shipped +172800         1
 * o8    bo    D2   PAID      05-01T19:00       ship    shipped +172800                                 1
 * o9    cy    D2   PAID      06-10T12:00       pickup  ready +3600, collected +7200 after ready        2
 * o10   hal   D2   PAID      05-02T18:00       pickup  ready +10800, collected +1800 after ready       3
 * o11   hal   D2   PAID      05-05T10:00       ship    not shipped yet                                 1
 * o12   ivy   D2   PAID      05-20T10:00 (pre-order paid in full)  pickup  not ready                  1
 * o13   jo    D3   PAID      08-20T19:00       ship    shipped +259200                                 1
 * o14   dee   D3   PAID      09-01T10:00       pickup  not ready                                       1
 * o15   kai   D3   PAID      08-25T10:00       ship    not shipped                                     1
 * o16   kai   D3   PAID      09-20T10:00       ship    not shipped                                     1
 * o17   nia   D3   EXPIRED   -  (pre-order, deposit never paid)  pickup                                1
 * </pre>
 */
class ShopKpiCalculatorTest {

    private static final ShopKpiCalculator CALCULATOR = new ShopKpiCalculator();
    private static final Instant AS_OF = Instant.parse("2026-10-01T00:00:00Z");

    private static final BuyerId ADA = buyer('a');
    private static final BuyerId BO = buyer('b');
    private static final BuyerId CY = buyer('c');
    private static final BuyerId DEE = buyer('d');
    private static final BuyerId EVE = buyer('e');
    private static final BuyerId FAY = buyer('f');
    private static final BuyerId GUS = buyer('1');
    private static final BuyerId HAL = buyer('2');
    private static final BuyerId IVY = buyer('3');
    private static final BuyerId JO = buyer('4');
    private static final BuyerId KAI = buyer('5');
    private static final BuyerId LOU = buyer('6');
    private static final BuyerId MO = buyer('7');
    private static final BuyerId NIA = buyer('8');

    private static final ShopDrop D1 = new ShopDrop("spring-kicks", at("2026-03-10T18:00:00Z"),
            at("2026-03-17T18:00:00Z"), 20);
    private static final ShopDrop D2 = new ShopDrop("summer-tees", at("2026-05-01T18:00:00Z"),
            at("2026-05-08T18:00:00Z"), 10);
    private static final ShopDrop D3 = new ShopDrop("autumn-caps", at("2026-08-20T18:00:00Z"),
            at("2026-08-27T18:00:00Z"), 5);

    private static final List<ShopOrder> ORDERS = List.of(
            pickup("o1", ADA, D1, OrderStatus.PAID, "2026-03-10T19:00:00Z", 7_200L, 86_400L, 2),
            ship("o2", BO, D1, OrderStatus.PAID, "2026-03-10T20:00:00Z", 86_400L, 1),
            pickup("o3", CY, D1, OrderStatus.REFUNDED, "2026-03-10T21:00:00Z", null, null, 3),
            pickup("o4", DEE, D1, OrderStatus.PAID, "2026-03-20T18:00:00Z", 14_400L, null, 4),
            preorder("o5", EVE, D1, OrderStatus.RESERVED, null),
            ship("o6", FAY, D1, OrderStatus.EXPIRED, null, null, 1),
            ship("o7", GUS, D1, OrderStatus.PAID, "2026-03-10T17:00:00Z", 172_800L, 1),
            ship("o8", BO, D2, OrderStatus.PAID, "2026-05-01T19:00:00Z", 172_800L, 1),
            pickup("o9", CY, D2, OrderStatus.PAID, "2026-06-10T12:00:00Z", 3_600L, 7_200L, 2),
            pickup("o10", HAL, D2, OrderStatus.PAID, "2026-05-02T18:00:00Z", 10_800L, 1_800L, 3),
            ship("o11", HAL, D2, OrderStatus.PAID, "2026-05-05T10:00:00Z", null, 1),
            preorder("o12", IVY, D2, OrderStatus.PAID, "2026-05-20T10:00:00Z"),
            ship("o13", JO, D3, OrderStatus.PAID, "2026-08-20T19:00:00Z", 259_200L, 1),
            pickup("o14", DEE, D3, OrderStatus.PAID, "2026-09-01T10:00:00Z", null, null, 1),
            ship("o15", KAI, D3, OrderStatus.PAID, "2026-08-25T10:00:00Z", null, 1),
            ship("o16", KAI, D3, OrderStatus.PAID, "2026-09-20T10:00:00Z", null, 1),
            preorder("o17", NIA, D3, OrderStatus.EXPIRED, null));

    private static final List<Notified> NOTIFIED = List.of(
            notified(ADA, D1), notified(BO, D1), notified(EVE, D1), notified(GUS, D1), notified(GUS, D1),
            notified(LOU, D1),
            notified(JO, D3), notified(KAI, D3), notified(NIA, D3), notified(ADA, D3));

    private static final List<EarlyAccessEntry> EARLY = List.of(
            new EarlyAccessEntry(GUS, D1.dropId()), new EarlyAccessEntry(ADA, D1.dropId()),
            new EarlyAccessEntry(MO, D1.dropId()), new EarlyAccessEntry(EVE, D1.dropId()),
            new EarlyAccessEntry(JO, D3.dropId()), new EarlyAccessEntry(JO, D3.dropId()));

    private static final List<SurveyAnswer> SURVEYS = List.of(
            // ada's second answer is listed first but recorded later: her first (9) counts.
            answer(D1, ADA, 2, "2026-03-25T00:00:00Z"), answer(D1, ADA, 9, "2026-03-20T00:00:00Z"),
            answer(D1, BO, 10, "2026-03-21T00:00:00Z"), answer(D1, CY, 3, "2026-03-21T00:00:00Z"),
            answer(D1, DEE, 7, "2026-03-30T00:00:00Z"), answer(D1, GUS, 6, "2026-03-21T00:00:00Z"),
            answer(D2, HAL, 10, "2026-05-10T00:00:00Z"));

    private static final ShopHistory HISTORY = new ShopHistory(List.of(D1, D2, D3), ORDERS, NOTIFIED, EARLY, SURVEYS);

    @Test
    void cohorts_countBuyersByMonthOfFirstPurchase_andWhoBoughtAgainWithin90Days_finalOnlyOnceEveryWindowEnded() {
        ShopKpis kpis = CALCULATOR.compute(HISTORY, AS_OF);

        // First purchases: gus 03-10T17, ada 03-10T19, bo 03-10T20, cy 03-10T21 (o3, refunded later: still a
        // purchase), dee 03-20; hal 05-02, ivy 05-20 (a pre-order paid in full); jo 08-20, kai 08-25.
        // eve (deposit only), fay (expired), nia (expired) never bought.
        // 2026-03: 5 buyers. bo again on 05-01T19 ≤ 03-10T20 + 90 d = 06-08T20 → yes; cy again on 06-10 > 06-08T21
        //          → no; dee again on 09-01 → no; ada, gus never again → 1/5. Windows end by 04-01 + 90 d = 06-30
        //          ≤ asOf → closed.
        // 2026-05: hal (again 05-05), ivy → 1/2; closed (06-01 + 90 d = 08-30).
        // 2026-08: jo, kai (again 09-20 ≤ 08-25 + 90 d) → 1 so far; open (09-01 + 90 d = 11-30 > asOf): no rate.
        assertThat(kpis.cohorts()).containsExactly(
                new ShopKpis.Cohort(YearMonth.of(2026, 3), 5, 1, true, 0.2),
                new ShopKpis.Cohort(YearMonth.of(2026, 5), 2, 1, true, 0.5),
                new ShopKpis.Cohort(YearMonth.of(2026, 8), 2, 1, false, null));
    }

    @Test
    void qualifiedDemand_isPreorderOrEarlyAccessBuyersOverBuyersNotified_perDrop() {
        ShopKpis kpis = CALCULATOR.compute(HISTORY, AS_OF);

        // D1: pre-orders {eve} (deposit paid: reserved); early access {gus, ada, mo, eve}; together 4 buyers (eve
        //     once). Notified {ada, bo, eve, gus (twice), lou} = 5 → 4/5 = 0.8.
        assertThat(kpis.drops().get(0).demand()).isEqualTo(new ShopKpis.Demand(1, 4, 4, 5, 0.8));
        // D2: pre-order {ivy} (paid in full counts: its deposit was paid); nobody notified → no rate.
        assertThat(kpis.drops().get(1).demand()).isEqualTo(new ShopKpis.Demand(1, 0, 1, 0, null));
        // D3: nia's pre-order expired unpaid → none; early access {jo} (listed twice); notified {jo, kai, nia, ada}
        //     → 1/4.
        assertThat(kpis.drops().get(2).demand()).isEqualTo(new ShopKpis.Demand(0, 1, 1, 4, 0.25));
    }

    @Test
    void sellThrough_countsUnitsOfCheckoutsStillPaid_paidBefore7And30DaysFromTheFirstSale_overTotalUnits() {
        ShopKpis kpis = CALCULATOR.compute(HISTORY, AS_OF);

        // D1, 20 units, 7 d end 03-17T18, 30 d end 04-09T18: o7 1 (early access, before opening: counts), o1 2,
        //     o2 1 → 4 in 7 d; o4 4 (day 10) → 8 in 30 d; o3 3 refunded → left out. 4/20, 8/20.
        assertThat(kpis.drops().get(0).sellThrough()).isEqualTo(new ShopKpis.SellThrough(20, 4, 8, 0.2, 0.4));
        // D2, 10 units: o8 1, o10 3, o11 1 → 5 in 7 d and 30 d; o9 (06-10, after 05-31T18) never; o12 a pre-order.
        assertThat(kpis.drops().get(1).sellThrough()).isEqualTo(new ShopKpis.SellThrough(10, 5, 5, 0.5, 0.5));
        // D3, 5 units, 7 d end 08-27T18, 30 d end 09-19T18: o13, o15 → 2; + o14 (09-01) → 3; o16 (09-20) after.
        assertThat(kpis.drops().get(2).sellThrough()).isEqualTo(new ShopKpis.SellThrough(5, 2, 3, 0.4, 0.6));
    }

    @Test
    void fulfilment_overOrdersPaidNow_percentilesByNearestRank_andPickupVersusShipped() {
        ShopKpis.Fulfilment fulfilment = CALCULATOR.compute(HISTORY, AS_OF).fulfilment();

        // Paid now: o1 o2 o4 o7 o8 o9 o10 o11 o12 o13 o14 o15 o16 (o3 refunded, o5 o6 o17 unpaid).
        // Pickup: o1 o4 o9 o10 o12 o14 = 6; shipped: o2 o7 o8 o11 o13 o15 o16 = 7; of 13.
        assertThat(fulfilment.pickupOrders()).isEqualTo(6);
        assertThat(fulfilment.shipOrders()).isEqualTo(7);
        assertThat(fulfilment.pickupShare()).isEqualTo(6.0 / 13);
        assertThat(fulfilment.shipShare()).isEqualTo(7.0 / 13);
        // paid→ready [3600 o9, 7200 o1, 10800 o10, 14400 o4]: p50 rank ⌈0.5·4⌉ = 2 → 7200; p90 rank ⌈3.6⌉ = 4.
        assertThat(fulfilment.paidToReady()).isEqualTo(new Percentiles(4, 7_200L, 14_400L));
        // ready→collected [1800 o10, 7200 o9, 86400 o1]: p50 rank ⌈1.5⌉ = 2 → 7200; p90 rank ⌈2.7⌉ = 3 → 86400.
        assertThat(fulfilment.readyToCollected()).isEqualTo(new Percentiles(3, 7_200L, 86_400L));
        // paid→shipped [86400 o2, 172800 o7, 172800 o8, 259200 o13]: p50 rank 2 → 172800; p90 rank 4 → 259200.
        assertThat(fulfilment.paidToShipped()).isEqualTo(new Percentiles(4, 172_800L, 259_200L));
        // paid→handed over: collected o9 3600+7200 = 10800, o10 10800+1800 = 12600, o1 7200+86400 = 93600; shipped
        // 86400, 172800, 172800, 259200. Sorted [10800, 12600, 86400, 93600, 172800, 172800, 259200]:
        // p50 rank ⌈3.5⌉ = 4 → 93600; p90 rank ⌈6.3⌉ = 7 → 259200.
        assertThat(fulfilment.paidToHandedOver()).isEqualTo(new Percentiles(7, 93_600L, 259_200L));
    }

    @Test
    void survey_countsEachBuyersFirstAnswerPerDrop_meanAndNps_perDropAndOverall() {
        ShopKpis kpis = CALCULATOR.compute(HISTORY, AS_OF);

        // D1: ada 9 (her later 2 ignored), bo 10, cy 3, dee 7, gus 6 → 5 answers, mean 35/5 = 7;
        //     promoters ada, bo = 2; detractors cy, gus = 2 → NPS (2 - 2)/5 = 0.
        assertThat(kpis.drops().get(0).survey()).isEqualTo(new ShopKpis.Survey(5, 2, 2, 7.0, 0.0));
        // D2: one answer, hal 10 → mean 10, NPS 100.
        assertThat(kpis.drops().get(1).survey()).isEqualTo(new ShopKpis.Survey(1, 1, 0, 10.0, 100.0));
        // D3: no answer → no mean, no NPS.
        assertThat(kpis.drops().get(2).survey()).isEqualTo(new ShopKpis.Survey(0, 0, 0, null, null));
        // Overall: 9, 10, 3, 7, 6, 10 → mean 45/6 = 7.5; promoters 3, detractors 2 → 100·(3 - 2)/6 = 16.67.
        ShopKpis.Survey overall = kpis.survey();
        assertThat(overall.answers()).isEqualTo(6);
        assertThat(overall.promoters()).isEqualTo(3);
        assertThat(overall.detractors()).isEqualTo(2);
        assertThat(overall.mean()).isEqualTo(7.5);
        assertThat(overall.nps()).isCloseTo(16.667, within(0.001));
    }

    @Test
    void noHistory_givesNoCohorts_noDrops_andNullRates() {
        ShopKpis kpis = CALCULATOR.compute(new ShopHistory(List.of(), List.of(), List.of(), List.of(), List.of()),
                AS_OF);

        assertThat(kpis.cohorts()).isEmpty();
        assertThat(kpis.drops()).isEmpty();
        Percentiles none = new Percentiles(0, null, null);
        assertThat(kpis.fulfilment()).isEqualTo(new ShopKpis.Fulfilment(0, 0, null, null, none, none, none, none));
        assertThat(kpis.survey()).isEqualTo(new ShopKpis.Survey(0, 0, 0, null, null));
    }

    @Test
    void aDropWithoutOrders_sellsNothing_andADropWithoutUnits_hasNoSellThrough() {
        ShopDrop empty = new ShopDrop("empty", at("2026-09-01T00:00:00Z"), null, 0);
        ShopKpis kpis = CALCULATOR.compute(new ShopHistory(List.of(D1, empty), List.of(), List.of(), List.of(),
                List.of()), AS_OF);

        // D1 offers 20 units, none paid → 0/20 = 0; "empty" offers none → no rate.
        assertThat(kpis.drops().get(0).sellThrough()).isEqualTo(new ShopKpis.SellThrough(20, 0, 0, 0.0, 0.0));
        assertThat(kpis.drops().get(1).sellThrough()).isEqualTo(new ShopKpis.SellThrough(0, 0, 0, null, null));
    }

    @Test
    void aRefundedOrder_isStillAPurchaseForItsCohort_butNeitherSoldUnitsNorAPaidOrderToHandOver() {
        // cy paid o3 on 03-10 and was refunded; paid again 03-30 (day 20): a repeat buyer.
        List<ShopOrder> orders = List.of(
                pickup("r1", CY, D1, OrderStatus.REFUNDED, "2026-03-10T21:00:00Z", 600L, null, 3),
                ship("r2", CY, D1, OrderStatus.PAID, "2026-03-30T21:00:00Z", null, 1));
        ShopKpis kpis = CALCULATOR.compute(new ShopHistory(List.of(D1), orders, List.of(), List.of(), List.of()),
                AS_OF);

        // cohort 2026-03: cy, again on day 20 → 1/1.
        assertThat(kpis.cohorts()).containsExactly(new ShopKpis.Cohort(YearMonth.of(2026, 3), 1, 1, true, 1.0));
        // Only r2's 1 unit is sold (day 20: within 30 d, not 7 d); r1's ready time is not a fulfilment sample.
        assertThat(kpis.drops().get(0).sellThrough()).isEqualTo(new ShopKpis.SellThrough(20, 0, 1, 0.0, 0.05));
        assertThat(kpis.fulfilment().pickupOrders()).isZero();
        assertThat(kpis.fulfilment().shipOrders()).isEqualTo(1);
        assertThat(kpis.fulfilment().paidToReady().samples()).isZero();
    }

    @Test
    void repeatWindow_includesExactly90Days_andACohortClosesWhenItsLastPossibleWindowEnds() {
        // ada first 2026-06-30T12:00, again exactly 90 d later (09-28T12:00): counts. bo first 06-01T00:00, again
        // 90 d and 1 s later (08-30T00:00:01): does not. Cohort 2026-06's last window ends 07-01 + 90 d = 09-29.
        List<ShopOrder> orders = List.of(
                ship("w1", ADA, D2, OrderStatus.PAID, "2026-06-30T12:00:00Z", null, 1),
                ship("w2", ADA, D3, OrderStatus.PAID, "2026-09-28T12:00:00Z", null, 1),
                ship("w3", BO, D2, OrderStatus.PAID, "2026-06-01T00:00:00Z", null, 1),
                ship("w4", BO, D3, OrderStatus.PAID, "2026-08-30T00:00:01Z", null, 1));
        ShopHistory history = new ShopHistory(List.of(), orders, List.of(), List.of(), List.of());

        assertThat(CALCULATOR.compute(history, at("2026-09-28T23:59:59Z")).cohorts())
                .containsExactly(new ShopKpis.Cohort(YearMonth.of(2026, 6), 2, 1, false, null));
        assertThat(CALCULATOR.compute(history, at("2026-09-29T00:00:00Z")).cohorts())
                .containsExactly(new ShopKpis.Cohort(YearMonth.of(2026, 6), 2, 1, true, 0.5));
    }

    @Test
    void cohorts_seeOnlyPurchasesPaidByAsOf() {
        // Asked on 09-10: ada's second purchase (09-20) has not happened yet → 0 so far; jo's first (09-15) neither,
        // so cohort 2026-09 does not exist yet.
        List<ShopOrder> orders = List.of(
                ship("f1", ADA, D3, OrderStatus.PAID, "2026-09-01T00:00:00Z", null, 1),
                ship("f2", ADA, D3, OrderStatus.PAID, "2026-09-20T00:00:00Z", null, 1),
                ship("f3", JO, D3, OrderStatus.PAID, "2026-08-15T00:00:00Z", null, 1));
        ShopHistory history = new ShopHistory(List.of(), orders, List.of(), List.of(), List.of());

        assertThat(CALCULATOR.compute(history, at("2026-09-10T00:00:00Z")).cohorts()).containsExactly(
                new ShopKpis.Cohort(YearMonth.of(2026, 8), 1, 0, false, null),
                new ShopKpis.Cohort(YearMonth.of(2026, 9), 1, 0, false, null));
    }

    @Test
    void percentilesOfOneValue_areThatValue() {
        List<ShopOrder> orders = List.of(
                pickup("p1", ADA, D1, OrderStatus.PAID, "2026-03-10T19:00:00Z", 600L, null, 1));
        ShopKpis.Fulfilment fulfilment = CALCULATOR.compute(new ShopHistory(List.of(), orders, List.of(), List.of(),
                List.of()), AS_OF).fulfilment();

        // One sample: rank ⌈0.5⌉ = ⌈0.9⌉ = 1 → 600 both; not collected → no hand-over sample.
        assertThat(fulfilment.paidToReady()).isEqualTo(new Percentiles(1, 600L, 600L));
        assertThat(fulfilment.paidToHandedOver()).isEqualTo(new Percentiles(0, null, null));
        assertThat(fulfilment.pickupShare()).isEqualTo(1.0);
        assertThat(fulfilment.shipShare()).isEqualTo(0.0);
    }

    @Test
    void aSurveyScore_isZeroToTen() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> answer(D1, ADA, 11, "2026-03-20T00:00:00Z"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> answer(D1, ADA, -1, "2026-03-20T00:00:00Z"));
    }

    private static BuyerId buyer(char hex) {
        return new BuyerId("b_" + String.valueOf(hex).repeat(32));
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static ShopOrder pickup(String id, BuyerId buyer, ShopDrop drop, OrderStatus status, String paidAt,
            Long readyAfter, Long collectedAfterReady, int units) {
        Instant paid = paidAt == null ? null : at(paidAt);
        Instant ready = readyAfter == null ? null : paid.plusSeconds(readyAfter);
        Instant collected = collectedAfterReady == null ? null : ready.plusSeconds(collectedAfterReady);
        return new ShopOrder(drop.dropId(), id, buyer, status, paid, Fulfilment.PICKUP, ready, collected, null, units,
                9_000L * units, "EUR", false);
    }

    private static ShopOrder ship(String id, BuyerId buyer, ShopDrop drop, OrderStatus status, String paidAt,
            Long shippedAfter, int units) {
        Instant paid = paidAt == null ? null : at(paidAt);
        Instant shipped = shippedAfter == null ? null : paid.plusSeconds(shippedAfter);
        return new ShopOrder(drop.dropId(), id, buyer, status, paid, Fulfilment.SHIP, null, null, shipped, units,
                9_000L * units, "EUR", false);
    }

    private static ShopOrder preorder(String id, BuyerId buyer, ShopDrop drop, OrderStatus status, String paidAt) {
        return new ShopOrder(drop.dropId(), id, buyer, status, paidAt == null ? null : at(paidAt), Fulfilment.PICKUP,
                null, null, null, 1, 9_000L, "EUR", true);
    }

    private static Notified notified(BuyerId buyer, ShopDrop drop) {
        return new Notified(buyer, drop.dropId(), drop.opensAt().minusSeconds(86_400));
    }

    private static SurveyAnswer answer(ShopDrop drop, BuyerId buyer, int score, String instant) {
        return new SurveyAnswer(drop.dropId(), buyer, score, at(instant));
    }
}
