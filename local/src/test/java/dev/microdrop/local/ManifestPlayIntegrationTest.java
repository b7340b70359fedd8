package dev.microdrop.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./microdrop local --drop drops/neon-runners.yaml --time-scale 3600}: the example manifest's timeline,
 * moved to start now and played an hour per second. Early access, then three waves released by the local
 * scheduler, one after the other, and the catalog shows them.
 */
class ManifestPlayIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theExampleDrop_playsItsWavesOnACompressedClock() throws Exception {
        LocalRuntime.Options options = new LocalRuntime.Options(0, true, Path.of("unused"),
                Path.of("../drops/neon-runners.yaml"), false, false, 3_600, false);
        try (LocalRuntime runtime = new LocalRuntime(options).start()) {
            String base = "http://localhost:" + runtime.port();
            JsonNode early = drop(base);
            int releasedAtStart = released(early);

            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            JsonNode drop = early;
            while (released(drop) < totalUnits(drop) && Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
                drop = drop(base);
            }

            assertThat(early.get("waves")).hasSize(3);
            assertThat(releasedAtStart).isLessThan(totalUnits(early));
            assertThat(released(drop)).as("every wave released within 30 s at an hour per second")
                    .isEqualTo(totalUnits(drop));
        }
    }

    @Test
    void aBrokenManifest_isRefusedWithItsFieldAndLine() throws Exception {
        Path broken = tmp.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(Path.of("../drops/neon-runners.yaml"))
                .replaceFirst("currency: EUR", "currency: EURO"));
        LocalRuntime.Options options = new LocalRuntime.Options(0, true, Path.of("unused"), broken, false, false, 1, false);

        assertThatThrownBy(() -> new LocalRuntime(options).start()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/currency").hasMessageContaining("broken.yaml:");
    }

    @Test
    void insiders_buyWithTheirToken_beforeEveryoneElse() throws Exception {
        LocalRuntime.Options options = new LocalRuntime.Options(0, true, Path.of("unused"),
                Path.of("../drops/neon-runners.yaml"), false, false, 1, false);
        try (LocalRuntime runtime = new LocalRuntime(options).start()) {
            String base = "http://localhost:" + runtime.port();
            HttpResponse<String> issued = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(base + "/merchant/drops/neon-runners/insiders"))
                    .header("authorization", "Bearer " + runtime.merchantKey())
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"emails\":[\"vip@example.com\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
            String token = JSON.readTree(issued.body()).at("/tokens/0/token").asText();
            String sku = drop(base).get("skus").get(0).get("sku").asText();

            HttpResponse<String> insider = checkout(base, "vip@example.com", sku, token);
            HttpResponse<String> everyoneElse = checkout(base, "early@example.com", sku, null);

            assertThat(insider.statusCode()).as(insider.body()).isEqualTo(201);
            assertThat(everyoneElse.statusCode()).as(everyoneElse.body()).isEqualTo(409);
            assertThat(JSON.readTree(everyoneElse.body()).get("type").asText()).endsWith("/drop-not-open");
        }
    }

    @Test
    void anInsidersPickupInASlot_isPaid_andTheMerchantsKpisShowIt() throws Exception {
        LocalRuntime.Options options = new LocalRuntime.Options(0, true, Path.of("unused"),
                Path.of("../drops/neon-runners.yaml"), false, false, 1, false);
        try (LocalRuntime runtime = new LocalRuntime(options).start()) {
            String base = "http://localhost:" + runtime.port();
            String token = JSON.readTree(send(base + "/merchant/drops/neon-runners/insiders", runtime.merchantKey(),
                    "{\"emails\":[\"vip@example.com\"]}").body()).at("/tokens/0/token").asText();
            JsonNode catalog = drop(base);
            String slot = catalog.at("/hubs/0/slots/0/slotId").asText();
            int seats = catalog.at("/hubs/0/slots/0/seatsLeft").asInt();

            HttpResponse<String> pickup = send(base + "/checkout", null, "{\"accessToken\":\"" + token + "\","
                    + "\"dropId\":\"neon-runners\",\"lines\":[{\"sku\":\"GL-1\",\"quantity\":2}],"
                    + "\"buyer\":{\"email\":\"vip@example.com\"},\"fulfilment\":{\"type\":\"pickup\","
                    + "\"hubId\":\"berlin-mitte\",\"slotId\":\"" + slot + "\"}}");
            assertThat(pickup.statusCode()).as(pickup.body()).isEqualTo(201);
            JsonNode order = JSON.readTree(pickup.body());
            assertThat(order.at("/lines/0/hubId").asText()).isEqualTo("berlin-mitte");
            HttpResponse<String> paid = send(base + "/simulator/payments/" + order.at("/payment/intentId").asText()
                    + "/succeed", null, "");
            assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);

            JsonNode kpis = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(base + "/merchant/drops/neon-runners/kpis"))
                    .header("authorization", "Bearer " + runtime.merchantKey()).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(kpis.get("sold").asInt()).isEqualTo(2);
            assertThat(kpis.get("revenueMinorUnits").asLong()).isEqualTo(1_800);
            assertThat(kpis.at("/waves/0/unitsSold").asInt()).isEqualTo(2);
            assertThat(kpis.get("holdToPaid").asDouble()).isEqualTo(1.0);
            // The slot's seat went with the units; the catalog shows it once its cache window has passed.
            Thread.sleep(2_100);
            assertThat(drop(base).at("/hubs/0/slots/0/seatsLeft").asInt()).isEqualTo(seats - 1);
        }
    }

    @Test
    void aBuyerOnTheWaitlist_isOfferedAClaim_whenTheNextWaveGoesOut() throws Exception {
        LocalRuntime.Options options = new LocalRuntime.Options(0, true, Path.of("unused"),
                Path.of("../drops/neon-runners.yaml"), false, false, 1, false, true);
        try (LocalRuntime runtime = new LocalRuntime(options).start()) {
            String base = "http://localhost:" + runtime.port();
            String ship = "\"fulfilment\":{\"type\":\"ship\",\"address\":{\"name\":\"W\",\"line1\":\"Main 1\","
                    + "\"city\":\"Berlin\",\"postalCode\":\"10115\",\"country\":\"DE\"}}";
            // NR-43's wave-1 units are gone (the merchant takes them away at each hub): the buyer meets sold out.
            for (JsonNode hub : sku(drop(base), "NR-43").get("stockByHub")) {
                HttpResponse<String> taken = send(base + "/merchant/drops/neon-runners/stock", runtime.merchantKey(),
                        "{\"sku\":\"NR-43\",\"hubId\":\"" + hub.get("hubId").asText() + "\",\"delta\":-"
                                + hub.get("available").asInt() + ",\"reason\":\"damaged in transit\"}");
                assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
            }
            String wait = "{\"dropId\":\"neon-runners\",\"lines\":[{\"sku\":\"NR-43\",\"quantity\":1}],"
                    + "\"buyer\":{\"email\":\"patient@example.com\"}," + ship + "}";
            Thread.sleep(2_100); // past the catalog's and the checkout's cache window
            assertThat(send(base + "/checkout", null, wait).statusCode()).isEqualTo(409);
            HttpResponse<String> joined = send(base + "/waitlist", null, wait);
            assertThat(joined.statusCode()).as(joined.body()).isEqualTo(202);

            // The merchant releases wave 2 now: WaveReleased reaches the waitlist through its rule and queue.
            HttpResponse<String> released = send(base + "/merchant/drops/neon-runners/waves/2/release",
                    runtime.merchantKey(), "");
            assertThat(released.statusCode()).as(released.body()).isEqualTo(200);

            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            JsonNode claims;
            do {
                Thread.sleep(200);
                claims = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                                + "/merchant/drops/neon-runners/orders?status=held&buyerEmail=patient@example.com"))
                        .header("authorization", "Bearer " + runtime.merchantKey()).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).path("orders");
            } while (claims.isEmpty() && Instant.now().isBefore(deadline));
            assertThat(claims).as("the claim offered to the waiting buyer").hasSize(1);

            JsonNode kpis = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(base + "/merchant/drops/neon-runners/kpis"))
                    .header("authorization", "Bearer " + runtime.merchantKey()).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(kpis.at("/demand/waitlistBuyers").asInt()).isEqualTo(1);
            assertThat(kpis.at("/demand/claimsOffered").asInt()).isEqualTo(1);
        }
    }

    private static HttpResponse<String> send(String url, String merchantKey, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .header("idempotency-key", "play-" + System.nanoTime()).POST(HttpRequest.BodyPublishers.ofString(body));
        if (merchantKey != null) {
            request.header("authorization", "Bearer " + merchantKey);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> checkout(String base, String email, String sku, String token) throws Exception {
        String body = "{" + (token == null ? "" : "\"accessToken\":\"" + token + "\",")
                + "\"dropId\":\"neon-runners\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}],"
                + "\"buyer\":{\"email\":\"" + email + "\"},\"fulfilment\":{\"type\":\"ship\",\"address\":{"
                + "\"name\":\"V\",\"line1\":\"Main 1\",\"city\":\"Berlin\",\"postalCode\":\"10115\",\"country\":\"DE\"}}}";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/checkout"))
                .header("content-type", "application/json").header("idempotency-key", "insider-" + System.nanoTime())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode drop(String base) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/drops/neon-runners")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static JsonNode sku(JsonNode drop, String sku) {
        for (JsonNode each : drop.get("skus")) {
            if (each.get("sku").asText().equals(sku)) {
                return each;
            }
        }
        throw new AssertionError("no SKU " + sku + " in " + drop);
    }

    private static int released(JsonNode drop) {
        int sum = 0;
        for (JsonNode sku : drop.get("skus")) {
            sum += sku.get("released").asInt();
        }
        return sum;
    }

    private static int totalUnits(JsonNode drop) {
        int sum = 0;
        for (JsonNode sku : drop.get("skus")) {
            sum += sku.get("totalUnits").asInt();
        }
        return sum;
    }
}
