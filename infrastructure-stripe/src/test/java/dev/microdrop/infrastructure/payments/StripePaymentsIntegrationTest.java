package dev.microdrop.infrastructure.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentIntent;
import dev.microdrop.core.payment.Refund;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StripePayments} against a loopback stand-in for Stripe's API serving recorded responses: what goes on
 * the wire (form fields, idempotency key, credentials) and how Stripe's errors come back.
 */
class StripePaymentsIntegrationTest {

    private static final String KEY = "sk_test_51MicroDropUnitTestKeyNotReal0000000000";
    private static final String ORDER_ID = "ord_01JTESTORDER0000000000000";
    private static final String INTENT_ID = "pi_3Rm1cr0Dr0pTestIntent0001";

    private final StripeApiStub stub = new StripeApiStub();
    private final StripePayments payments = new StripePayments(StripePayments.client(KEY, stub.baseUrl()));

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void createIntent_postsAmountCurrencyAndOrderMetadata_thenReturnsIdAndClientSecret() {
        stub.answer("/v1/payment_intents", 200, "payment_intent.json");

        PaymentIntent intent = payments.createIntent(order());

        assertThat(intent).isEqualTo(new PaymentIntent("stripe", INTENT_ID,
                "pi_3Rm1cr0Dr0pTestIntent0001_secret_Fx7QbTestOnlyNotARealSecret"));
        StripeApiStub.Received request = stub.received().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/payment_intents");
        assertThat(request.form())
                .containsEntry("amount", "2500")
                .containsEntry("currency", "eur")
                .containsEntry("metadata[orderId]", ORDER_ID)
                .containsEntry("metadata[dropId]", "neon-runners")
                .containsEntry("automatic_payment_methods[enabled]", "true");
        assertThat(request.header("Idempotency-Key")).isEqualTo("microdrop-intent-" + ORDER_ID);
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void createIntent_whenRetriedForTheSameOrder_thenSendsTheSameIdempotencyKey() {
        stub.answer("/v1/payment_intents", 200, "payment_intent.json");

        payments.createIntent(order());
        payments.createIntent(order());

        assertThat(stub.received()).extracting(r -> r.header("Idempotency-Key"))
                .containsExactly("microdrop-intent-" + ORDER_ID, "microdrop-intent-" + ORDER_ID);
    }

    @Test
    void refund_postsIntentAndOrderMetadata_thenReturnsIdAndStatus() {
        stub.answer("/v1/refunds", 200, "refund.json");

        Refund refund = payments.refund(ORDER_ID, INTENT_ID, "drop cancelled by the brand");

        assertThat(refund).isEqualTo(new Refund("stripe", "re_3Rm1cr0Dr0pTestRefund0001", "succeeded"));
        StripeApiStub.Received request = stub.received().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/refunds");
        assertThat(request.form())
                .containsEntry("payment_intent", INTENT_ID)
                .containsEntry("metadata[orderId]", ORDER_ID)
                .containsEntry("metadata[reason]", "drop cancelled by the brand");
        assertThat(request.header("Idempotency-Key")).isEqualTo("microdrop-refund-" + ORDER_ID);
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void refund_whenReasonIsLongerThanStripeMetadataAllows_thenItIsCutNotRefused() {
        stub.answer("/v1/refunds", 200, "refund.json");

        payments.refund(ORDER_ID, INTENT_ID, "x".repeat(600));

        assertThat(stub.received().getFirst().form().get("metadata[reason]")).hasSize(500);
    }

    @Test
    void createIntent_whenStripeAnswers402_thenPaymentProviderExceptionWithoutTheKey() {
        stub.answer("/v1/payment_intents", 402, "error_card_declined.json");

        PaymentProviderException failure = catchThrowableOfType(PaymentProviderException.class,
                () -> payments.createIntent(order()));

        assertThat(failure.getMessage())
                .contains("payment intent", ORDER_ID, "HTTP 402", "card_declined", "req_stub1")
                .doesNotContain(KEY);
        assertThat(failure.retryable()).isFalse();
        assertNoMessageInChainContainsTheKey(failure);
        assertThat(stub.received()).as("a refusal is not retried").hasSize(1);
    }

    @Test
    void refund_whenStripeAnswers500_thenRetriedWithTheSameKey_thenPaymentProviderException() {
        stub.answer("/v1/refunds", 500, "error_api.json");

        PaymentProviderException failure = catchThrowableOfType(PaymentProviderException.class,
                () -> payments.refund(ORDER_ID, INTENT_ID, "drop cancelled by the brand"));

        assertThat(failure.getMessage()).contains("refunding", INTENT_ID, ORDER_ID, "HTTP 500").doesNotContain(KEY);
        assertThat(failure.retryable()).isTrue();
        assertNoMessageInChainContainsTheKey(failure);
        List<StripeApiStub.Received> attempts = stub.received();
        assertThat(attempts).as("the first try and two network retries").hasSize(3);
        assertThat(attempts).extracting(r -> r.header("Idempotency-Key"))
                .containsOnly("microdrop-refund-" + ORDER_ID);
    }

    @Test
    void createIntent_whenStripeUnreachable_thenRetryablePaymentProviderException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        StripePayments unreachable = new StripePayments(
                StripePayments.client(KEY, "http://127.0.0.1:" + closedPort));

        PaymentProviderException failure = catchThrowableOfType(PaymentProviderException.class,
                () -> unreachable.createIntent(order()));

        assertThat(failure.getMessage()).contains("no answer", ORDER_ID).doesNotContain(KEY);
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void client_whenApiBaseHasATrailingSlash_thenPathsAreStillStripes() {
        stub.answer("/v1/payment_intents", 200, "payment_intent.json");
        StripePayments slashed = new StripePayments(StripePayments.client(KEY, stub.baseUrl() + "/"));

        slashed.createIntent(order());

        assertThat(stub.received().getFirst().path()).isEqualTo("/v1/payment_intents");
    }

    @Test
    void client_whenKeyMissingOrBaseNotHttp_thenRefusedAtWiring() {
        assertThatThrownBy(() -> StripePayments.client(" ", stub.baseUrl()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StripePayments.client(KEY, "ftp://example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(KEY);
    }

    private static void assertNoMessageInChainContainsTheKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
        }
    }

    private static Order order() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        Money price = Money.of(2_500, "EUR");
        return new Order(ORDER_ID, "neon-runners", new BuyerId("b_" + "0123456789abcdef".repeat(2)),
                "ada@example.com", List.of(new OrderLine("NR-42", 1, price)), price,
                new Fulfilment.Pickup("hub-one"), OrderStatus.HELD, now, now.plus(Duration.ofMinutes(10)));
    }
}
