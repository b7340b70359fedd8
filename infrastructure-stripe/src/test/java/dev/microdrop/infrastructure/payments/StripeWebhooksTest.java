package dev.microdrop.infrastructure.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microdrop.core.payment.PaymentEvent;
import dev.microdrop.core.payment.PaymentEventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Webhook deliveries built from the recorded events in {@code events/stripe/}, signed as Stripe signs them. */
class StripeWebhooksTest {

    private static final String SECRET = "whsec_test_MicroDropCurrentSigningSecret01";
    private static final String OLD_SECRET = "whsec_test_MicroDropPreviousSigningSecret0";
    private static final String ORDER_ID = "ord_01JTESTORDER0000000000000";
    private static final String INTENT_ID = "pi_3Rm1cr0Dr0pTestIntent0001";
    private static final Instant NOW = Instant.parse("2026-11-22T10:05:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final StripeWebhooks webhooks = new StripeWebhooks(List.of(SECRET), StripeWebhooks.DEFAULT_TOLERANCE, CLOCK);

    static Stream<Arguments> recordedEvents() {
        return Stream.of(
                Arguments.of("payment_intent.succeeded.json", new PaymentEvent("evt_3Rm1cr0Dr0pSucceeded00001",
                        PaymentEventType.SUCCEEDED, ORDER_ID, INTENT_ID, 2500, "EUR", Instant.ofEpochSecond(1795341723))),
                Arguments.of("payment_intent.payment_failed.json", new PaymentEvent("evt_3Rm1cr0Dr0pPayFailed00001",
                        PaymentEventType.FAILED, ORDER_ID, INTENT_ID, 2500, "EUR", Instant.ofEpochSecond(1795341689))),
                Arguments.of("payment_intent.canceled.json", new PaymentEvent("evt_3Rm1cr0Dr0pCanceled000001",
                        PaymentEventType.CANCELED, ORDER_ID, INTENT_ID, 2500, "EUR", Instant.ofEpochSecond(1795342201))),
                Arguments.of("charge.refunded.json", new PaymentEvent("evt_3Rm1cr0Dr0pRefunded000001",
                        PaymentEventType.REFUNDED, ORDER_ID, INTENT_ID, 2500, "EUR", Instant.ofEpochSecond(1795428123))),
                Arguments.of("charge.dispute.created.json", new PaymentEvent("evt_1Rm1cr0Dr0pDisputeOpen001",
                        PaymentEventType.DISPUTE_OPENED, null, INTENT_ID, 2500, "EUR", Instant.ofEpochSecond(1795514524))),
                Arguments.of("charge.dispute.closed.json", new PaymentEvent("evt_1Rm1cr0Dr0pDisputeClose01",
                        PaymentEventType.DISPUTE_WON, null, INTENT_ID, 2500, "EUR", Instant.ofEpochSecond(1796728923))),
                Arguments.of("customer.created.json", new PaymentEvent("evt_1Rm1cr0Dr0pCustomer000001",
                        PaymentEventType.UNKNOWN, null, null, 0, null, Instant.ofEpochSecond(1795341590))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedEvents")
    void verify_whenSignedWithOurSecret_thenVerifiedWithTheTranslatedEvent(String file, PaymentEvent expected) {
        String payload = fixture(file);

        WebhookResult result = webhooks.verify(payload, StripeSignatures.sign(payload, SECRET, NOW.getEpochSecond()));

        assertThat(result).isEqualTo(new WebhookResult.Verified(expected));
    }

    @ParameterizedTest(name = "status {0}")
    @ValueSource(strings = {"won", "lost", "warning_closed", "under_review"})
    void verify_whenDisputeClosed_thenOnlyWonAndLostAreDecided(String status) {
        String payload = fixture("charge.dispute.closed.json").replace("\"status\": \"won\"", "\"status\": \"" + status + "\"");
        PaymentEventType expected = switch (status) {
            case "won" -> PaymentEventType.DISPUTE_WON;
            case "lost" -> PaymentEventType.DISPUTE_LOST;
            default -> PaymentEventType.UNKNOWN;
        };

        WebhookResult result = webhooks.verify(payload, StripeSignatures.sign(payload, SECRET, NOW.getEpochSecond()));

        assertThat(result).isInstanceOfSatisfying(WebhookResult.Verified.class,
                v -> assertThat(v.event().type()).isEqualTo(expected));
    }

    @Test
    void verify_whenTypeUnknown_thenVerifiedAsUnknown() {
        String payload = fixture("customer.created.json");

        WebhookResult result = webhooks.verify(payload, StripeSignatures.sign(payload, SECRET, NOW.getEpochSecond()));

        assertThat(result).isInstanceOfSatisfying(WebhookResult.Verified.class,
                v -> assertThat(v.event().type()).isEqualTo(PaymentEventType.UNKNOWN));
    }

    @Test
    void verify_whenBodyTamperedAfterSigning_thenRefused() {
        String payload = fixture("charge.refunded.json");
        String header = StripeSignatures.sign(payload, SECRET, NOW.getEpochSecond());

        WebhookResult result = webhooks.verify(payload.replace("\"amount_refunded\": 2500", "\"amount_refunded\": 25"),
                header);

        assertThat(result).isEqualTo(new WebhookResult.Refused(WebhookResult.Refused.NO_MATCHING_SIGNATURE));
    }

    @Test
    void verify_whenSignedWithAnotherSecret_thenRefused() {
        String payload = fixture("payment_intent.succeeded.json");

        WebhookResult result = webhooks.verify(payload,
                StripeSignatures.sign(payload, "whsec_test_SomebodyElsesSecret", NOW.getEpochSecond()));

        assertThat(result).isEqualTo(new WebhookResult.Refused(WebhookResult.Refused.NO_MATCHING_SIGNATURE));
    }

    @Test
    void verify_whenSignedTenMinutesAgo_thenRefusedAsStale() {
        String payload = fixture("payment_intent.succeeded.json");
        long tenMinutesAgo = NOW.minus(Duration.ofMinutes(10)).getEpochSecond();

        WebhookResult result = webhooks.verify(payload, StripeSignatures.sign(payload, SECRET, tenMinutesAgo));

        assertThat(result).isEqualTo(new WebhookResult.Refused(WebhookResult.Refused.TIMESTAMP_OUTSIDE_TOLERANCE));
    }

    @Test
    void verify_whenSignedTenMinutesAhead_thenRefusedAsOutsideTolerance() {
        String payload = fixture("payment_intent.succeeded.json");
        long tenMinutesAhead = NOW.plus(Duration.ofMinutes(10)).getEpochSecond();

        WebhookResult result = webhooks.verify(payload, StripeSignatures.sign(payload, SECRET, tenMinutesAhead));

        assertThat(result).isEqualTo(new WebhookResult.Refused(WebhookResult.Refused.TIMESTAMP_OUTSIDE_TOLERANCE));
    }

    @Test
    void verify_whenSignedFourMinutesAgo_thenStillWithinTolerance() {
        String payload = fixture("payment_intent.succeeded.json");
        long fourMinutesAgo = NOW.minus(Duration.ofMinutes(4)).getEpochSecond();

        WebhookResult result = webhooks.verify(payload, StripeSignatures.sign(payload, SECRET, fourMinutesAgo));

        assertThat(result).isInstanceOf(WebhookResult.Verified.class);
    }

    @Test
    void verify_whenHeaderMissing_thenRefused() {
        String payload = fixture("payment_intent.succeeded.json");

        assertThat(webhooks.verify(payload, null))
                .isEqualTo(new WebhookResult.Refused(WebhookResult.Refused.MISSING_HEADER));
        assertThat(webhooks.verify(payload, " "))
                .isEqualTo(new WebhookResult.Refused(WebhookResult.Refused.MISSING_HEADER));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
        "garbage",
        "t=1795341900",
        "v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd",
        "t=soon,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd",
        "t=,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd",
        "t=1795341900,v1",
        "t=1795341900,t=1795341900,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd",
        "t=99999999999999999999,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd",
        "t=1795341900,v0=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd"})
    void verify_whenHeaderMalformed_thenRefused(String header) {
        assertThat(webhooks.verify(fixture("payment_intent.succeeded.json"), header))
                .isEqualTo(new WebhookResult.Refused(WebhookResult.Refused.MALFORMED_HEADER));
    }

    @Test
    void verify_whenHeaderCarriesOldAndNewSignatures_thenVerifiesWithOnlyTheNewSecret() {
        String payload = fixture("payment_intent.succeeded.json");
        String header = StripeSignatures.signWithSecrets(payload, NOW.getEpochSecond(), OLD_SECRET, SECRET);

        WebhookResult result = webhooks.verify(payload, header);

        assertThat(result).isInstanceOf(WebhookResult.Verified.class);
    }

    @Test
    void verify_whenSignedOnlyWithTheOldSecret_thenVerifiesWhileBothAreConfigured() {
        String payload = fixture("payment_intent.succeeded.json");
        String header = StripeSignatures.sign(payload, OLD_SECRET, NOW.getEpochSecond());
        StripeWebhooks rotating = new StripeWebhooks(List.of(OLD_SECRET, SECRET), StripeWebhooks.DEFAULT_TOLERANCE, CLOCK);

        assertThat(rotating.verify(payload, header)).isInstanceOf(WebhookResult.Verified.class);
        assertThat(webhooks.verify(payload, header)).as("once the old secret is dropped")
                .isEqualTo(new WebhookResult.Refused(WebhookResult.Refused.NO_MATCHING_SIGNATURE));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"not json", "[]", "{\"object\":\"list\",\"data\":[]}",
        "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\",\"created\":1795341723}",
        "{\"id\":\"evt_1\",\"object\":\"event\",\"created\":1795341723,\"data\":{\"object\":{}}}"})
    void verify_whenSignedPayloadIsNotAnEvent_thenRefused(String payload) {
        WebhookResult result = webhooks.verify(payload, StripeSignatures.sign(payload, SECRET, NOW.getEpochSecond()));

        assertThat(result).isEqualTo(new WebhookResult.Refused(WebhookResult.Refused.NOT_AN_EVENT));
    }

    @Test
    void verify_whenObjectLacksMetadataAndAmount_thenVerifiedWithBlanksRatherThanRefused() {
        String payload = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\","
                + "\"created\":1795341723,\"data\":{\"object\":{\"id\":\"pi_1\",\"object\":\"payment_intent\","
                + "\"some_future_field\":{\"nested\":true}}}}";

        WebhookResult result = webhooks.verify(payload, StripeSignatures.sign(payload, SECRET, NOW.getEpochSecond()));

        assertThat(result).isEqualTo(new WebhookResult.Verified(new PaymentEvent("evt_1", PaymentEventType.SUCCEEDED,
                null, "pi_1", 0, null, Instant.ofEpochSecond(1795341723))));
    }

    @Test
    void verify_whenChargeCarriesAnExpandedPaymentIntent_thenItsIdIsUsed() {
        String payload = fixture("charge.refunded.json")
                .replace("\"payment_intent\": \"" + INTENT_ID + "\"",
                        "\"payment_intent\": {\"id\": \"" + INTENT_ID + "\", \"object\": \"payment_intent\"}");

        WebhookResult result = webhooks.verify(payload, StripeSignatures.sign(payload, SECRET, NOW.getEpochSecond()));

        assertThat(result).isInstanceOfSatisfying(WebhookResult.Verified.class,
                v -> assertThat(v.event().intentId()).isEqualTo(INTENT_ID));
    }

    @Test
    void constructor_whenNoSecretOrNoTolerance_thenRefusedAtWiring() {
        assertThatThrownBy(() -> new StripeWebhooks(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StripeWebhooks(List.of(" "))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StripeWebhooks(List.of(SECRET), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Tests run in the module's folder; the fixtures are the repository's {@code events/stripe/}, shared with sam. */
    static String fixture(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("events/stripe"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no events/stripe/ above " + Path.of("").toAbsolutePath());
        }
        try {
            return Files.readString(dir.resolve("events/stripe").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
