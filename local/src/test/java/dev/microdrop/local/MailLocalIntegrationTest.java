package dev.microdrop.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mail end to end in the local runtime: a checkout, the payment simulator pays, the outbox relays OrderPaid, the
 * notifications-mail rule queues it, the notifications function sends to GreenMail, and /mail/ shows it.
 */
class MailLocalIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalRuntime runtime;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        runtime = new LocalRuntime(new LocalRuntime.Options(0, true, Path.of("unused"),
                Path.of("src/test/resources/short-hold-drop.json"), false, false)).start();
        base = "http://localhost:" + runtime.port();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void checkout_paid_thenTheReceipt_madeReady_thenThePickupMail_inGreenMail_andOnTheMailPage() throws Exception {
        HttpResponse<String> held = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/checkout"))
                .header("content-type", "application/json").header("idempotency-key", "mail-local-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"dropId\":\"short-holds\",\"lines\":[{\"sku\":\"TEE-M\","
                        + "\"quantity\":1}],\"buyer\":{\"email\":\"mailme@example.com\"},\"fulfilment\":{\"type\":\"pickup\","
                        + "\"hubId\":\"berlin-mitte\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
        JsonNode order = JSON.readTree(held.body());
        String orderId = order.get("orderId").asText();
        HttpResponse<String> paid = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/simulator/payments/"
                + order.at("/payment/intentId").asText() + "/succeed")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);

        awaitMails(1);
        // Hub staff make it ready through the merchant API: the pickup mail follows, with the code it was given.
        HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/merchant/drops/short-holds/orders/"
                + orderId + "/ready")).header("authorization", "Bearer " + runtime.merchantKey())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        awaitMails(2);
        Thread.sleep(1_000);
        assertThat(Arrays.stream(runtime.mail().received()).map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        })).containsExactlyInAnyOrder("Your receipt for order " + orderId, "Ready for pickup: order " + orderId);

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/mail/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("Your receipt for order " + orderId, "mailme@example.com", "ORDER_RECEIPT",
                "PICKUP_READY", "Your pickup code: ");
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/mail/nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("content-type")).hasValue("application/problem+json");
    }

    private void awaitMails(int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (runtime.mail().received().length < count) {
            assertThat(Instant.now()).as(count + " mails within 30 s").isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
