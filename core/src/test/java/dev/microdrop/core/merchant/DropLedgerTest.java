package dev.microdrop.core.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.Validated;
import dev.microdrop.core.checkout.Violation;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.lifecycle.StockMove;
import dev.microdrop.core.lifecycle.Transition;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.testing.InMemoryTable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ledger's pages: newest first, each entry with its SKU's balance, cursors bound to their drop. */
class DropLedgerTest {

    private static final Instant T0 = Instant.parse("2026-12-02T18:00:00Z");
    private static final BuyerIds BUYERS = new BuyerIds("ledger-key-ledger".getBytes(StandardCharsets.UTF_8));
    private static final Fulfilment SHIP = new Fulfilment.Ship(
            new Address("Ada Lovelace", "Invalidenstrasse 1", null, "Berlin", "10115", "DE"));

    private final Drop drop = Drops.at(T0).sku("A", 10).sku("B", 5).build();
    private final Drop other = Drops.at(T0).id("other-drop").sku("A", 10).build();
    private InMemoryTable table;
    private DropLedger ledger;
    private Order x;
    private Order y;

    @BeforeEach
    void books() {
        table = new InMemoryTable(Clock.fixed(T0, ZoneOffset.UTC));
        table.publish(drop, T0);
        table.publish(other, T0);
        x = held("ada", "A", 2, T0.plusSeconds(1));
        y = held("bob", "B", 1, T0.plusSeconds(2));
        table.adjust(Drops.DROP, "A", null, 3, "found in the back room", T0.plusSeconds(3));
        table.apply(new Transition(x, Set.of(OrderStatus.HELD), OrderStatus.PAID, StockMove.SALE, 0, List.of(),
                "evt_x", null, Map.of("paidAt", T0.plusSeconds(4).toString()), "payment succeeded", T0.plusSeconds(4)));
        ledger = new DropLedger(table);
    }

    @Test
    void pagesGoNewestFirst_eachEntryWithItsSkusAvailableUnitsAfterIt_untilNoCursorIsLeft() {
        DropLedger.Page first = page("2", null);
        DropLedger.Page second = page("2", first.next());
        DropLedger.Page third = page("2", second.next());

        // A: +10 (publish) = 10, hold -2 = 8, adjustment +3 = 11, sale 0 = 11. B: +5 = 5, hold -1 = 4.
        assertThat(lines(first)).containsExactly(x.orderId() + "#SALE A 0 11", "ADJUST A 3 11");
        assertThat(lines(second)).containsExactly(y.orderId() + "#HOLD B -1 4", x.orderId() + "#HOLD A -2 8");
        // Both releases were written at T0: B's comes first, newest first, as A sorts before B oldest first.
        assertThat(lines(third)).containsExactly("WAVE#1 B 5 5", "WAVE#1 A 10 10");
        assertThat(third.next()).isNull();
        assertThat(first.lines().get(0).entry()).satisfies(sale -> {
            assertThat(sale.movement()).isEqualTo("SALE");
            assertThat(sale.orderId()).isEqualTo(x.orderId());
            assertThat(sale.reason()).isEqualTo("payment succeeded");
            assertThat(sale.dHeld()).isEqualTo(-2);
            assertThat(sale.dSold()).isEqualTo(2);
            assertThat(sale.at()).isEqualTo(T0.plusSeconds(4));
        });
    }

    @Test
    void aCursor_goesOnWhereItsPageEnded_evenAfterNewEntries() {
        DropLedger.Page first = page("2", null);
        table.adjust(Drops.DROP, "B", null, -1, "damaged", T0.plusSeconds(5));

        assertThat(lines(page("2", first.next()))).containsExactly(y.orderId() + "#HOLD B -1 4",
                x.orderId() + "#HOLD A -2 8");
        assertThat(lines(page("1", null))).singleElement().asString().startsWith("ADJUST B -1 3");
    }

    @Test
    void withoutALimit_aPageHoldsFifty() {
        assertThat(page(null, null).lines()).hasSize(6);
        assertThat(page(null, null).next()).isNull();
    }

    @Test
    void anotherDropsCursor_isRefused() {
        DropLedger.Page theirs = ((Validated.Valid<DropLedger.Page>) ledger.page(other, "1", null)).value();
        assertThat(theirs.next()).isNull();
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("l1\nother-drop\n" + T0 + "\nA\n\nWAVE#1").getBytes(StandardCharsets.UTF_8));

        assertThat(violations(ledger.page(other, "1", forged))).isEmpty();
        assertThat(violations(ledger.page(drop, "1", forged))).extracting(Violation::pointer).containsExactly("cursor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "bDE=", "not base64!", "bDEKdGVzdC1kcm9wCm5vdC1hLXRpbWUKQQoKV0FWRSMx"})
    void aCursorThisLedgerDidNotWrite_isRefused(String cursor) {
        assertThat(violations(ledger.page(drop, null, cursor))).extracting(Violation::pointer).containsExactly("cursor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "201", "-1", "abc", "1.5", "050", ""})
    void aLimitOutsideOneToTwoHundred_isRefused(String limit) {
        assertThat(violations(ledger.page(drop, limit, null))).extracting(Violation::pointer).containsExactly("limit");
    }

    private DropLedger.Page page(String limit, String cursor) {
        Validated<DropLedger.Page> page = ledger.page(drop, limit, cursor);
        assertThat(page).isInstanceOf(Validated.Valid.class);
        return ((Validated.Valid<DropLedger.Page>) page).value();
    }

    private static List<Violation> violations(Validated<DropLedger.Page> page) {
        return page instanceof Validated.Invalid<DropLedger.Page> invalid ? invalid.violations() : List.of();
    }

    private static List<String> lines(DropLedger.Page page) {
        List<String> lines = new ArrayList<>();
        for (DropLedger.Line line : page.lines()) {
            String id = line.entry().entryId().startsWith("ADJUST#") ? "ADJUST" : line.entry().entryId();
            lines.add(id + " " + line.entry().sku() + " " + line.entry().dAvailable() + " " + line.balance());
        }
        return lines;
    }

    private Order held(String buyer, String sku, int units, Instant at) {
        OrderLine line = new OrderLine(sku, units, Drops.PRICE);
        Order order = new Order(new OrderIds().next(at), Drops.DROP, BUYERS.of(buyer + "@example.com"),
                buyer + "@example.com", List.of(line), line.total(), SHIP, OrderStatus.HELD, at,
                at.plus(Duration.ofMinutes(10)));
        table.hold(new HoldRequest(order, "key-" + order.orderId(), "fp", 4, at));
        return order;
    }
}
