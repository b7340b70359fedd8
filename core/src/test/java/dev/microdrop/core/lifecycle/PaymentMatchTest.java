package dev.microdrop.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderKind;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentEvent;
import dev.microdrop.core.payment.PaymentEventType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rule that an order is paid only by its own intent, for its amount, in its currency: a table, no I/O. */
class PaymentMatchTest {

    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

    private static Order order(OrderKind kind, String intent, String balanceIntent) {
        return new Order("ord_1", "drop", new BuyerId("b_3f2a9c1d7e5b4a60918c2d3e4f5a6b7c"), "a@example.com",
                List.of(new OrderLine("A", 1, Money.of(900, "EUR"))), Money.of(900, "EUR"),
                new Fulfilment.Pickup("hub"), OrderStatus.HELD, AT, AT.plusSeconds(600), kind,
                kind == OrderKind.PREORDER ? Money.of(180, "EUR") : null, intent, balanceIntent);
    }

    private static Optional<String> reason(Order order, PaymentEventType type, String intent, long amount,
            String currency) {
        return PaymentMatch.check(order, new PaymentEvent("evt", type, order.orderId(), intent, amount, currency, AT))
                .map(m -> m.reason().code());
    }

    @Test
    void aStandardOrder_isPaidOnlyByItsIntent_forItsAmount_inItsCurrency() {
        Order order = order(OrderKind.STANDARD, "pi_own", null);
        PaymentEventType paid = PaymentEventType.SUCCEEDED;

        assertThat(reason(order, paid, "pi_own", 900, "EUR")).isEmpty();
        assertThat(reason(order, paid, "pi_own", 900, "eur")).as("Stripe's lower case").isEmpty();
        assertThat(reason(order, paid, "pi_forged", 900, "EUR")).contains("wrong-intent");
        assertThat(reason(order, paid, null, 900, "EUR")).contains("wrong-intent");
        assertThat(reason(order, paid, "pi_own", 1, "EUR")).contains("wrong-amount");
        assertThat(reason(order, paid, "pi_own", 901, "EUR")).contains("wrong-amount");
        assertThat(reason(order, paid, "pi_own", 900, "USD")).contains("wrong-currency");
        assertThat(reason(order, paid, "pi_own", 900, null)).contains("wrong-currency");
        assertThat(reason(order(OrderKind.STANDARD, null, null), paid, "pi_own", 900, "EUR"))
                .contains("no-intent-on-record");
    }

    @Test
    void failuresAndCancellations_needTheOrdersIntent_butNoAmount() {
        Order order = order(OrderKind.STANDARD, "pi_own", null);

        assertThat(reason(order, PaymentEventType.FAILED, "pi_own", 0, null)).isEmpty();
        assertThat(reason(order, PaymentEventType.CANCELED, "pi_own", 0, null)).isEmpty();
        assertThat(reason(order, PaymentEventType.FAILED, "pi_other", 0, null)).contains("wrong-intent");
        assertThat(reason(order, PaymentEventType.CANCELED, "pi_other", 0, null)).contains("wrong-intent");
    }

    @Test
    void aRefund_countsOnlyWhenItGivesBackTheWholePayment() {
        Order order = order(OrderKind.STANDARD, "pi_own", null);

        assertThat(reason(order, PaymentEventType.REFUNDED, "pi_own", 900, "EUR")).isEmpty();
        assertThat(reason(order, PaymentEventType.REFUNDED, "pi_own", 899, "EUR")).contains("partial-refund");
        assertThat(reason(order, PaymentEventType.REFUNDED, "pi_other", 900, "EUR")).contains("wrong-intent");
        assertThat(reason(order, PaymentEventType.REFUNDED, "pi_own", 900, "GBP")).contains("wrong-currency");
    }

    @Test
    void aPreorder_paysItsDepositAndItsBalance_eachOnItsOwnIntent() {
        Order order = order(OrderKind.PREORDER, "pi_deposit", "pi_balance");
        PaymentEventType paid = PaymentEventType.SUCCEEDED;

        assertThat(reason(order, paid, "pi_deposit", 180, "EUR")).isEmpty();
        assertThat(reason(order, paid, "pi_balance", 720, "EUR")).isEmpty();
        assertThat(reason(order, paid, "pi_deposit", 900, "EUR")).contains("wrong-amount");
        assertThat(reason(order, paid, "pi_balance", 180, "EUR")).contains("wrong-amount");
        assertThat(PaymentMatch.part(order, new PaymentEvent("e", paid, "ord_1", "pi_balance", 720, "EUR", AT)))
                .contains(PaymentMatch.Part.BALANCE);
        assertThat(reason(order(OrderKind.PREORDER, "pi_deposit", null), paid, "pi_balance", 720, "EUR"))
                .as("no balance intent yet").contains("wrong-intent");
    }

    @Test
    void disputesAndUnknownEvents_areNotPayments_andAreNotChecked() {
        Order order = order(OrderKind.STANDARD, "pi_own", null);

        assertThat(reason(order, PaymentEventType.DISPUTE_OPENED, "pi_own", 900, "EUR")).isEmpty();
        assertThat(reason(order, PaymentEventType.UNKNOWN, "pi_other", 1, "USD")).isEmpty();
    }
}
