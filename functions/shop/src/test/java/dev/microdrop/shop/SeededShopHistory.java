package dev.microdrop.shop;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.events.DomainEvent.Line;
import dev.microdrop.core.shop.Notified;
import dev.microdrop.core.shop.ShopRecords;
import dev.microdrop.core.shop.SurveyAnswer;
import java.time.Instant;
import java.util.List;

/**
 * A shop's past, seeded as the shop receives it: two drops' events, who was told, the survey's answers. The figures
 * it must give as of {@link #AS_OF} are worked out by hand here (and asserted by {@code ShopKpisIntegrationTest};
 * docs/openapi.yaml's example of {@code GET /shop/kpis} is this answer).
 *
 * <pre>
 * D1 spring-kicks: early access 03-10T16:00, opens 03-10T18:00, 10 units.   D2 summer-tees: opens 05-01T18:00, 4 units.
 *
 * order buyer drop  events (2026, UTC)                                                     units  how
 * o1    ada   D1    held 03-10T17:00 (early window); paid 17:05; ready 19:05; collected 03-11T19:05  2  pickup
 * o2    bo    D1    paid 03-10T20:00; shipped 03-11T20:00                                     1  ship
 * o3    cy    D1    paid 03-12T18:00; refunded 03-13T09:00                                    3  pickup
 * o4    dee   D1    pre-order placed 03-10T16:30 (early window); deposit paid 16:31            1  pickup
 * o9    eve   D1    paid 03-25T12:00; shipped 03-25T18:00                                     1  ship
 * o5    ada   D2    paid 05-01T19:00; shipped 05-03T19:00                                     1  ship
 * o7    eve   D2    paid 05-20T10:00                                                          2  ship
 * o6    bo    D2    paid 07-01T00:00; ready 07-01T03:00                                       1  pickup
 * o8    fay   D2    paid 09-15T12:00                                                          1  ship
 *
 * Cohorts (first purchase; again within 90 days):
 *   2026-03: ada (again 05-01, 52 d), bo (again 07-01, 112 d: no), cy (a refund does not undo it), eve (again
 *            05-20, 56 d) = 4 buyers, 2 repeat; closed (04-01 + 90 d = 06-30), rate 0.5. dee never paid in full.
 *   2026-09: fay = 1 buyer, 0 repeat; open (10-01 + 90 d is after AS_OF), no rate.
 * Demand: D1 pre-order buyers {dee}, early access {ada, dee}, either {ada, dee} = 2 over 4 notified (ada told
 *   twice) = 0.5; D2 nothing over 2 notified = 0.0.
 * Sell-through: D1 paid now within 7 d of 03-10T18:00 = o1 2 + o2 1 = 3 (o3 refunded), within 30 d + o9 1 = 4, of 10
 *   = 0.3 and 0.4; D2 within 7 d o5 1, within 30 d + o7 2 = 3 (o6, o8 later), of 4 = 0.25 and 0.75.
 * Fulfilment over paid-now orders (o3 refunded, o4 a pre-order not paid in full): pickups o1, o6 = 2; shipments o2,
 *   o9, o5, o7, o8 = 5. paid→ready [7200, 10800]: p50 7200, p90 10800. ready→collected [86400]. paid→shipped
 *   [21600, 86400, 172800]: p50 86400, p90 172800. paid→handed over + o1's 93600: [21600, 86400, 93600, 172800]:
 *   p50 86400, p90 172800.
 * Survey (a buyer's first per drop): D1 ada 10, bo 6 (ada's later 3 is refused); D2 ada 9. D1: 2 answers, 1
 *   promoter, 1 detractor, mean 8, NPS 0; D2: 1, 1, 0, 9, 100; all: 3, 2, 1, mean 25/3, NPS 100/3.
 * </pre>
 */
final class SeededShopHistory {

    static final Instant AS_OF = Instant.parse("2026-10-01T00:00:00Z");
    static final String D1 = "spring-kicks";
    static final String D2 = "summer-tees";

    static final BuyerId ADA = buyer('a');
    static final BuyerId BO = buyer('b');
    static final BuyerId CY = buyer('c');
    static final BuyerId DEE = buyer('d');
    static final BuyerId EVE = buyer('e');
    static final BuyerId FAY = buyer('f');

    private SeededShopHistory() {
    }

    static List<DomainEvent> events() {
        return List.of(
                new DomainEvent.DropPublished("evt_d1_DropPublished", at("02-01T10:00"), D1, "Spring Kicks",
                        at("03-10T16:00"), at("03-10T18:00"), at("03-17T18:00"), 10, List.of("berlin-mitte"), null),
                new DomainEvent.DropPublished("evt_d2_DropPublished", at("04-01T10:00"), D2, "Summer Tees", null,
                        at("05-01T18:00"), at("05-08T18:00"), 4, List.of("berlin-mitte"), null),
                new DomainEvent.OrderHeld("evt_o1_OrderHeld", at("03-10T17:00"), D1, "o1", ADA.value(), lines(2),
                        27_600, "EUR", at("03-10T17:10"), "pickup"),
                paid("o1", D1, ADA, "03-10T17:05", 2, "pickup"),
                new DomainEvent.PickupReady("evt_o1_PickupReady", at("03-10T19:05"), D1, "o1", ADA.value(),
                        "berlin-mitte", null),
                new DomainEvent.PickupCollected("evt_o1_PickupCollected", at("03-11T19:05"), D1, "o1", ADA.value(),
                        "berlin-mitte"),
                paid("o2", D1, BO, "03-10T20:00", 1, "ship"),
                shipped("o2", D1, BO, "03-11T20:00"),
                paid("o3", D1, CY, "03-12T18:00", 3, "pickup"),
                new DomainEvent.OrderRefunded("evt_o3_OrderRefunded", at("03-13T09:00"), D1, "o3", lines(3), true,
                        "requested_by_customer"),
                new DomainEvent.PreorderPlaced("evt_o4_PreorderPlaced", at("03-10T16:30"), D1, "o4", DEE.value(),
                        lines(1), 13_800, 2_760, "EUR", at("03-10T16:40"), "pickup"),
                new DomainEvent.PreorderReserved("evt_o4_PreorderReserved", at("03-10T16:31"), D1, "o4", lines(1),
                        2_760, "EUR"),
                paid("o9", D1, EVE, "03-25T12:00", 1, "ship"),
                shipped("o9", D1, EVE, "03-25T18:00"),
                paid("o5", D2, ADA, "05-01T19:00", 1, "ship"),
                shipped("o5", D2, ADA, "05-03T19:00"),
                paid("o7", D2, EVE, "05-20T10:00", 2, "ship"),
                paid("o6", D2, BO, "07-01T00:00", 1, "pickup"),
                new DomainEvent.PickupReady("evt_o6_PickupReady", at("07-01T03:00"), D2, "o6", BO.value(),
                        "berlin-mitte", null),
                paid("o8", D2, FAY, "09-15T12:00", 1, "ship"));
    }

    /** Appends the events (each twice: a redelivery changes nothing), tells and asks as the shop would. */
    static void seed(ShopRecords records) {
        events().forEach(records::append);
        events().forEach(records::append);
        for (BuyerId told : List.of(ADA, BO, CY, EVE)) {
            records.notified(new Notified(told, D1, at("03-01T09:00")));
        }
        records.notified(new Notified(ADA, D1, at("03-05T09:00")));
        records.notified(new Notified(ADA, D2, at("04-20T09:00")));
        records.notified(new Notified(BO, D2, at("04-20T09:00")));
        records.answer(new SurveyAnswer(D1, ADA, 10, at("03-20T09:00")));
        records.answer(new SurveyAnswer(D1, BO, 6, at("03-21T09:00")));
        records.answer(new SurveyAnswer(D1, ADA, 3, at("03-22T09:00")));
        records.answer(new SurveyAnswer(D2, ADA, 9, at("05-10T09:00")));
    }

    private static DomainEvent paid(String order, String drop, BuyerId buyer, String at, int units, String how) {
        return new DomainEvent.OrderPaid("evt_" + order + "_OrderPaid", at(at), drop, order, buyer.value(),
                lines(units), 13_800L * units, "EUR", how, false);
    }

    private static DomainEvent shipped(String order, String drop, BuyerId buyer, String at) {
        return new DomainEvent.OrderShipped("evt_" + order + "_OrderShipped", at(at), drop, order, buyer.value(), "DHL");
    }

    private static List<Line> lines(int units) {
        return List.of(new Line("NR-42", units));
    }

    private static Instant at(String monthDayTime) {
        return Instant.parse("2026-" + monthDayTime + ":00Z");
    }

    private static BuyerId buyer(char c) {
        return new BuyerId("b_" + String.valueOf(c).repeat(32));
    }
}
