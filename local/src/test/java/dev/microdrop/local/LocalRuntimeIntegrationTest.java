package dev.microdrop.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runtime end to end, over real HTTP: DynamoDB Local's server on loopback, the functions' own Spring
 * contexts and SDK clients, the example drop drops/neon-runners.yaml opened now.
 */
class LocalRuntimeIntegrationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void localRuntime_servesTheSampleDrop_takesACheckout_andKeepsStateAcrossARestart() throws Exception {
        LocalRuntime.Options options = LocalRuntime.Options.exampleDrop(Path.of(".."), data, false);
        int availableAfterCheckout;
        try (LocalRuntime runtime = new LocalRuntime(options).start()) {
            String base = "http://localhost:" + runtime.port();
            assertThat(runtime.banner()).contains("seeded now").contains("curl -s " + base + "/drops/neon-runners");

            JsonNode list = json(get(base + "/drops"));
            assertThat(list.get("drops").findValuesAsText("dropId")).containsExactly("neon-runners");

            HttpResponse<String> drop = get(base + "/drops/neon-runners");
            assertThat(drop.statusCode()).isEqualTo(200);
            assertThat(drop.headers().firstValue("cache-control")).get().asString().contains("stale-while-revalidate");
            int before = available(json(drop), "NR-42");
            assertThat(before).isEqualTo(40);

            HttpResponse<String> checkout = post(base + "/checkout", "local-test-key-1", """
                    {"dropId":"neon-runners","lines":[{"sku":"NR-42","quantity":2}],
                     "buyer":{"email":"ada@example.com"},"fulfilment":{"type":"ship","address":{"name":"Ada Lovelace",
                     "line1":"Invalidenstrasse 1","city":"Berlin","postalCode":"10115","country":"DE"}}}""");
            assertThat(checkout.statusCode()).isEqualTo(201);
            JsonNode order = json(checkout);
            assertThat(order.get("orderId").asText()).startsWith("ord_");
            assertThat(order.get("status").asText()).isEqualTo("held");
            assertThat(order.get("amount").get("minorUnits").asLong()).isEqualTo(25_800);
            assertThat(order.get("holdExpiresAt").asText()).isNotBlank();

            HttpResponse<String> conditional = http.send(HttpRequest.newBuilder(URI.create(base + "/drops/neon-runners"))
                    .header("if-none-match", drop.headers().firstValue("etag").orElseThrow()).build(),
                    HttpResponse.BodyHandlers.ofString());
            // Within the cache window the state is unchanged (304); after it, the held units show (200).
            assertThat(conditional.statusCode()).isIn(200, 304);

            Thread.sleep(2_100);
            availableAfterCheckout = available(json(get(base + "/drops/neon-runners")), "NR-42");
            assertThat(availableAfterCheckout).isEqualTo(38);

            HttpResponse<String> problem = post(base + "/checkout", "local-test-key-2", "{not json");
            assertThat(problem.statusCode()).isEqualTo(400);
            assertThat(problem.headers().firstValue("content-type")).contains("application/problem+json");
        }

        try (LocalRuntime restarted = new LocalRuntime(options).start()) {
            assertThat(restarted.banner()).contains("kept from an earlier run");
            int after = available(json(get("http://localhost:" + restarted.port() + "/drops/neon-runners")), "NR-42");
            assertThat(after).isEqualTo(availableAfterCheckout);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("content-type", "application/json")
                .header("idempotency-key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body());
    }

    private static int available(JsonNode drop, String sku) {
        for (JsonNode item : drop.get("skus")) {
            if (item.get("sku").asText().equals(sku)) {
                return item.get("available").asInt();
            }
        }
        throw new AssertionError("no SKU " + sku);
    }
}
