package dev.microdrop.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.reconcile.ReconciliationReport;
import dev.microdrop.infrastructure.aws.AwsClientFactory;
import dev.microdrop.infrastructure.dynamodb.DynamoDbReconciler;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 14's erasure test on the local runtime: a buyer signs up, buys a pickup and a shipped order, pays both, gets
 * their mails, waits for a sold-out SKU; then asks for the erasure, follows the mailed link and confirms. After it,
 * no table of the runtime holds the address, the ship-to name or the street; the captured console (every function's
 * log) never held them; the mailbox (GreenMail, the runtime's record of sent mail) keeps none of the buyer's mail but
 * another buyer's; and the books reconcile.
 */
class PrivacyErasureLocalIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BUYER = "erin.erasable@example.com";
    private static final String OTHER = "otto.other@example.com";
    private static final String NAME = "Erin Erasable";
    private static final String STREET = "7 Forgetful Lane";
    private static final Pattern LINK = Pattern.compile("/privacy/\\?request=(export|erase)&token=([A-Za-z0-9._-]+)");
    private static final ByteArrayOutputStream CONSOLE = new ByteArrayOutputStream();
    private static PrintStream out;
    private static PrintStream err;
    private static LocalRuntime runtime;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        out = System.out;
        err = System.err;
        System.setOut(new PrintStream(new Tee(out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err), true, StandardCharsets.UTF_8));
        runtime = new LocalRuntime(new LocalRuntime.Options(0, true, Path.of("unused"),
                Path.of("src/test/resources/privacy-drop.json"), false, false)).start();
        base = "http://localhost:" + runtime.port();
    }

    @AfterAll
    static void stop() {
        runtime.close();
        System.setOut(out);
        System.setErr(err);
    }

    @Test
    void erasure_leavesTheAddressInNoTableNoLogAndNoMailbox_andTheBooksReconcile() throws Exception {
        // A history: signed up and confirmed, a pickup and a shipped order paid, a waitlist place, their mails.
        assertThat(post("/shop/audience", "{\"email\":\"" + BUYER + "\",\"consentTextVersion\":\"2026-12\"}")
                .statusCode()).isEqualTo(202);
        Matcher confirm = Pattern.compile("/subscribe/\\?token=([A-Za-z0-9._-]+)").matcher(text(awaitMail(BUYER, 1)
                .getFirst()));
        assertThat(confirm.find()).isTrue();
        assertThat(post("/shop/audience/confirm", "{\"token\":\"" + confirm.group(1) + "\"}").statusCode()).isEqualTo(200);
        pay(checkout(BUYER, "privacy-pickup", "TEE-M", "{\"type\":\"pickup\",\"hubId\":\"berlin-mitte\"}"));
        pay(checkout(BUYER, "privacy-ship", "TEE-M", "{\"type\":\"ship\",\"address\":{\"name\":\"" + NAME
                + "\",\"line1\":\"" + STREET + "\",\"city\":\"Hamburg\",\"postalCode\":\"20095\",\"country\":\"DE\"}}"));
        pay(checkout(OTHER, "privacy-other", "CAP", "{\"type\":\"pickup\",\"hubId\":\"berlin-mitte\"}"));
        // The checkout learns that CAP is sold out (the catalog's cache may not know yet); then the waitlist.
        assertThat(send("/checkout", "privacy-soldout", order(BUYER, "CAP", "{\"type\":\"pickup\",\"hubId\":"
                + "\"berlin-mitte\"}")).statusCode()).isEqualTo(409);
        HttpResponse<String> waiting = send("/waitlist", "privacy-wait", order(BUYER, "CAP",
                "{\"type\":\"pickup\",\"hubId\":\"berlin-mitte\"}"));
        assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(202);
        awaitMail(BUYER, 3);
        awaitMail(OTHER, 1);
        eventually(() -> scanAll().contains(STREET) && scanAll().contains("PickTicket"));

        // The export, through its mailed link, holds it all.
        assertThat(post("/shop/privacy", "{\"email\":\"" + BUYER + "\",\"request\":\"export\"}").statusCode())
                .isEqualTo(202);
        JsonNode export = JSON.readTree(get("/shop/privacy/export?token=" + link(awaitMail(BUYER, 4), "export"))
                .body());
        assertThat(export.at("/member/state").asText()).isEqualTo("subscribed");
        assertThat(export.at("/stores/0/orders")).hasSize(2);
        assertThat(export.at("/stores/0/waitlist/0/sku").asText()).isEqualTo("CAP");
        assertThat(export.toString()).contains(STREET);

        // The erasure: asked, mailed, confirmed on the page (its POST).
        assertThat(post("/shop/privacy", "{\"email\":\"" + BUYER + "\",\"request\":\"erase\"}").statusCode())
                .isEqualTo(202);
        String token = link(awaitMail(BUYER, 5), "erase");
        HttpResponse<String> erased = post("/shop/privacy/erase", "{\"token\":\"" + token + "\"}");

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(erased.body());
        assertThat(answer.get("audience").asText()).isEqualTo("erased");
        assertThat(answer.at("/stores/0/store").asText()).isEqualTo(LocalRuntime.TABLE);
        assertThat(answer.at("/stores/0/erased/orders").asInt()).isEqualTo(2);
        assertThat(answer.at("/stores/0/erased/pick-tickets").asInt()).isEqualTo(1);
        assertThat(answer.at("/stores/0/erased/waitlist-places").asInt()).isEqualTo(1);
        assertThat(answer.at("/stores/1/store").asText()).isEqualTo("local-mailbox");
        assertThat(answer.at("/stores/1/erased/mails").asInt()).isEqualTo(5);

        // Every table of the runtime: no address, no name, no street; the other buyer's address is still there.
        String tables = scanAll();
        assertThat(tables).doesNotContainIgnoringCase(BUYER).doesNotContain(NAME).doesNotContain(STREET)
                .doesNotContain("20095").contains(OTHER);
        // The mailbox: none of the buyer's mail, the other's kept.
        assertThat(runtime.mail().received()).isNotEmpty().allSatisfy(m -> assertThat(Arrays.toString(
                m.getAllRecipients())).doesNotContainIgnoringCase(BUYER));
        assertThat(runtime.mail().received()).anySatisfy(m -> assertThat(Arrays.toString(m.getAllRecipients()))
                .contains(OTHER));
        assertThat(get("/mail/").body()).doesNotContainIgnoringCase(BUYER).contains(OTHER);
        // The logs of every function, the whole run: never the address, the name or the street.
        org.slf4j.LoggerFactory.getLogger(PrivacyErasureLocalIntegrationTest.class).warn("log capture check");
        String console = CONSOLE.toString(StandardCharsets.UTF_8);
        assertThat(console).as("the console is captured").contains("log capture check");
        assertThat(console).doesNotContainIgnoringCase(BUYER).doesNotContain(NAME).doesNotContain(STREET);
        // The books: what ./microdrop reconcile checks.
        ReconciliationReport report = new DynamoDbReconciler(dynamoDb(), LocalRuntime.TABLE, Clock.systemUTC())
                .reconcile();
        assertThat(report.ordersChecked()).isGreaterThanOrEqualTo(3);
        assertThat(report.drifts()).isEmpty();
        // Again: nothing more to erase, and the same link still answers.
        JsonNode again = JSON.readTree(post("/shop/privacy/erase", "{\"token\":\"" + token + "\"}").body());
        assertThat(again.get("audience").asText()).isEqualTo("already-erased");
        assertThat(again.at("/stores/0/erased/orders").asInt()).isZero();
        assertThat(scanAll()).isEqualTo(tables);
    }

    private static DynamoDbClient dynamoDb() {
        return AwsClientFactory.fromEnvironment().dynamoDb();
    }

    /** Every item of every table of the runtime, as text. */
    private static String scanAll() {
        DynamoDbClient dynamoDb = dynamoDb();
        StringBuilder all = new StringBuilder();
        for (String table : dynamoDb.listTablesPaginator(r -> { }).tableNames()) {
            dynamoDb.scanPaginator(r -> r.tableName(table).consistentRead(true)).items()
                    .forEach(item -> all.append(table).append(' ').append(item).append('\n'));
        }
        return all.toString();
    }

    private static String order(String email, String sku, String fulfilment) {
        return "{\"dropId\":\"privacy-drop\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}],\"buyer\":{\"email\":\""
                + email + "\"},\"fulfilment\":" + fulfilment + "}";
    }

    private static JsonNode checkout(String email, String key, String sku, String fulfilment) throws Exception {
        HttpResponse<String> response = send("/checkout", key, order(email, sku, fulfilment));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private static void pay(JsonNode order) throws Exception {
        HttpResponse<String> paid = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/simulator/payments/"
                + order.at("/payment/intentId").asText() + "/succeed")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
    }

    private static HttpResponse<String> send(String path, String key, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json")
                .header("idempotency-key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The mails to {@code to}, once there are {@code count}, oldest first. */
    private static List<MimeMessage> awaitMail(String to, int count) throws Exception {
        List<MimeMessage> mails = new ArrayList<>();
        eventually(() -> {
            mails.clear();
            for (MimeMessage m : runtime.mail().received()) {
                try {
                    if (Arrays.toString(m.getAllRecipients()).contains(to)) {
                        mails.add(m);
                    }
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
            return mails.size() >= count;
        });
        return mails;
    }

    private static String link(List<MimeMessage> mails, String request) throws Exception {
        Matcher m = LINK.matcher(text(mails.getLast()));
        assertThat(m.find()).as(text(mails.getLast())).isTrue();
        assertThat(m.group(1)).isEqualTo(request);
        return m.group(2);
    }

    private static String text(MimeMessage mail) throws Exception {
        if (mail.getContent() instanceof MimeMultipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return String.valueOf(part.getContent());
                }
            }
        }
        return String.valueOf(mail.getContent());
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition within 30 s").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    /** Writes through to the console and keeps a copy. */
    private static final class Tee extends OutputStream {

        private final OutputStream console;

        Tee(OutputStream console) {
            this.console = console;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            console.write(b);
            synchronized (CONSOLE) {
                CONSOLE.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            console.write(b, off, len);
            synchronized (CONSOLE) {
                CONSOLE.write(b, off, len);
            }
        }
    }
}
