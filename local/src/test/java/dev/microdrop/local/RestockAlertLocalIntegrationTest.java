package dev.microdrop.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A restock alert through the whole local runtime: a subscribed member of the drop's hub; the drop's last units held
 * (the relay's SoldOut, forwarded to the shop); one hold lapses, its unit comes back to an empty waitlist (the claims
 * function's BackInStock, forwarded); the shop mails the member the alert, once, and a member who never confirmed
 * gets nothing.
 */
class RestockAlertLocalIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern CONFIRM_TOKEN = Pattern.compile("/subscribe/\\?token=([A-Za-z0-9._-]+)");
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
    void aSoldOutSkuThatComesBack_alertsTheSubscribedMemberOnce_andNotTheUnconfirmed() throws Exception {
        signUp("fan@example.com");
        String token = token(await("fan@example.com", "CONFIRM_SIGNUP"));
        HttpResponse<String> confirmed = send("/shop/audience/confirm", null, "{\"token\":\"" + token + "\"}");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        signUp("maybe@example.com"); // never confirmed: no consent, no marketing mail

        // Every unit held, all but the first paid: the first lapses (2 s) and its unit comes back.
        List<String> intents = new ArrayList<>();
        HttpResponse<String> hold;
        while ((hold = send("/checkout", "restock-hold-" + intents.size(), checkout("holder" + intents.size()
                + "@example.com"))).statusCode() == 201) {
            intents.add(JSON.readTree(hold.body()).at("/payment/intentId").asText());
        }
        assertThat(intents).hasSize(5);
        for (String intent : intents.subList(1, intents.size())) {
            HttpResponse<String> paid = send("/simulator/payments/" + intent + "/succeed", null, "");
            assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        }

        MimeMessage alert = await("fan@example.com", "RESTOCK_ALERT");
        assertThat(alert.getSubject()).startsWith("Back in stock: Tee M");
        assertThat(alert.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");

        Thread.sleep(3_000); // the events that could repeat it (redeliveries, the relay's retries) have come and gone
        assertThat(mails("fan@example.com", "RESTOCK_ALERT")).hasSize(1);
        assertThat(mails("maybe@example.com", "RESTOCK_ALERT")).isEmpty();
    }

    private static void signUp(String email) throws Exception {
        HttpResponse<String> signedUp = send("/shop/audience", null, "{\"email\":\"" + email
                + "\",\"consentTextVersion\":\"2026-12\",\"homeHubId\":\"berlin-mitte\"}");
        assertThat(signedUp.statusCode()).as(signedUp.body()).isEqualTo(202);
    }

    private static String checkout(String email) {
        return "{\"dropId\":\"short-holds\",\"lines\":[{\"sku\":\"TEE-M\",\"quantity\":1}],\"buyer\":{\"email\":\""
                + email + "\"},\"fulfilment\":{\"type\":\"pickup\",\"hubId\":\"berlin-mitte\"}}";
    }

    private static HttpResponse<String> send(String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("idempotency-key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static MimeMessage await(String to, String kind) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
        while (true) {
            List<MimeMessage> found = mails(to, kind);
            if (!found.isEmpty()) {
                return found.getFirst();
            }
            assertThat(Instant.now()).as("a " + kind + " mail to " + to + " within 45 s").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static List<MimeMessage> mails(String to, String kind) {
        return Arrays.stream(runtime.mail().received()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(to) && kind.equals(m.getHeader("X-Microdrop-Kind", null));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String token(MimeMessage mail) throws Exception {
        String text = mail.getContent() instanceof jakarta.mail.internet.MimeMultipart parts
                ? String.valueOf(parts.getBodyPart(0).getContent()) : String.valueOf(mail.getContent());
        Matcher matcher = CONFIRM_TOKEN.matcher(text);
        assertThat(matcher.find()).as(text).isTrue();
        return matcher.group(1);
    }
}
