package dev.microdrop.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.audience.LinkTokens;
import dev.microdrop.core.buyer.BuyerIds;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shop's audience in the local runtime: a sign-up over HTTP, its double opt-in mail in GreenMail, the mail's
 * link confirming, then the one-click unsubscribe link: its GET changes nothing, its POST unsubscribes.
 */
class ShopAudienceLocalIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern CONFIRM_LINK = Pattern.compile("(http://\\S+/subscribe/)\\?token=([A-Za-z0-9._-]+)");
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
    void signUp_mailsTheConfirmLink_whichSubscribes_thenTheUnsubscribeLinksPostUnsubscribes_andItsGetDoesNot()
            throws Exception {
        HttpResponse<String> signedUp = post("/shop/audience", "application/json",
                "{\"email\":\"fan@example.com\",\"consentTextVersion\":\"2026-12\",\"interests\":[\"sneakers\"],"
                        + "\"homeHubId\":\"berlin-mitte\"}");
        assertThat(signedUp.statusCode()).as(signedUp.body()).isEqualTo(202);
        assertThat(JSON.readTree(signedUp.body()).get("state").asText()).isEqualTo("pending");

        MimeMessage mail = awaitMail("fan@example.com");
        assertThat(mail.getHeader("X-Microdrop-Kind", null)).isEqualTo("CONFIRM_SIGNUP");
        Matcher link = CONFIRM_LINK.matcher(text(mail));
        assertThat(link.find()).as(text(mail)).isTrue();
        assertThat(link.group(1)).endsWith("/subscribe/");

        HttpResponse<String> confirmed = post("/shop/audience/confirm", "application/json",
                "{\"token\":\"" + link.group(2) + "\"}");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(JSON.readTree(confirmed.body()).get("state").asText()).isEqualTo("subscribed");

        // The link a marketing mail will carry (AudienceConsents.unsubscribeUrl), made with the runtime's keys.
        String token = new LinkTokens(System.getProperty("microdrop.shop.link-key").getBytes(StandardCharsets.UTF_8))
                .issue(LinkTokens.Purpose.UNSUBSCRIBE, new BuyerIds(System.getProperty("microdrop.buyer-id-key")
                        .getBytes(StandardCharsets.UTF_8)).of("fan@example.com"), Optional.empty());
        HttpResponse<String> prefetched = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/shop/unsubscribe?token="
                + token)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(prefetched.statusCode()).isEqualTo(303);
        assertThat(prefetched.headers().firstValue("location")).hasValueSatisfying(l -> assertThat(l)
                .contains("/unsubscribe/?token=" + token));
        // Still subscribed: confirming again answers so (a GET changed nothing).
        assertThat(JSON.readTree(post("/shop/audience/confirm", "application/json",
                "{\"token\":\"" + link.group(2) + "\"}").body()).get("state").asText()).isEqualTo("subscribed");

        HttpResponse<String> unsubscribed = post("/shop/unsubscribe?token=" + token,
                "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        assertThat(unsubscribed.statusCode()).as(unsubscribed.body()).isEqualTo(200);
        assertThat(JSON.readTree(unsubscribed.body()).get("state").asText()).isEqualTo("unsubscribed");
        // The confirmation link no longer brings the consent back.
        HttpResponse<String> late = post("/shop/audience/confirm", "application/json",
                "{\"token\":\"" + link.group(2) + "\"}");
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(late.body()).get("type").asText()).isEqualTo("https://microdrop.dev/problems/link-invalid");
    }

    private static HttpResponse<String> post(String path, String type, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static MimeMessage awaitMail(String to) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            Optional<MimeMessage> found = Arrays.stream(runtime.mail().received()).filter(m -> {
                try {
                    return m.getAllRecipients()[0].toString().equals(to);
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            assertThat(Instant.now()).as("a mail to " + to + " within 30 s").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static String text(MimeMessage mail) throws Exception {
        if (mail.getContent() instanceof jakarta.mail.internet.MimeMultipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                if (parts.getBodyPart(i).isMimeType("text/plain")) {
                    return String.valueOf(parts.getBodyPart(i).getContent());
                }
            }
        }
        return String.valueOf(mail.getContent());
    }
}
