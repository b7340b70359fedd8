package dev.microdrop.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runtime end to end, over real HTTP: DynamoDB Local's server on loopback, the functions' own Spring
 * contexts and SDK clients, the example drop drops/neon-runners.yaml opened now.
 */
class LocalRuntimeIntegrationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** What the banner and the README tell the reader to fill in: {@code <orderId>} and the like. */
    private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Za-z]+>");
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

    /**
     * The example plays a shop with two drops: the next one is published a while after the start (here 10 minutes
     * on a clock 600 times faster), as the merchant would publish it, with its early access ahead, and the shop keeps
     * its publication (the event reached the shop's queue).
     */
    @Test
    void theExample_publishesTheShopsNextDrop_afterAWhile_withItsEarlyAccessAhead() throws Exception {
        LocalRuntime.Options options = LocalRuntime.Options.exampleDrop(Path.of(".."), data, true)
                .withNextDrop(java.time.Duration.ofMinutes(10), 600);
        try (LocalRuntime runtime = new LocalRuntime(options).start()) {
            String base = "http://localhost:" + runtime.port();
            assertThat(runtime.banner()).contains("next drop:      neon-runners-night.yaml, published at");
            assertThat(get(base + "/drops/neon-runners-night").statusCode()).isEqualTo(404);

            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            while (runtime.nextDrop().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(runtime.nextDrop()).as("published within 20 s").isPresent();
            JsonNode night = json(get(base + "/drops/neon-runners-night"));
            assertThat(night.get("earlyAccess").isObject()).as(night.toString()).isTrue();

            String key = runtime.merchantKey();
            JsonNode kpis = null;
            while (System.nanoTime() < deadline) {
                kpis = json(http.send(HttpRequest.newBuilder(URI.create(base + "/shop/kpis"))
                        .header("authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString()));
                if (kpis.get("drops").findValuesAsText("dropId").contains("neon-runners-night")) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(kpis.get("drops").findValuesAsText("dropId")).as("the shop kept both publications")
                    .contains("neon-runners", "neon-runners-night");
        }
    }

    /**
     * The shop's next drop reaches a subscribed member through the fan-out: the publication's page goes back on the
     * shop's queue in ElasticMQ, and the page's delivery mails "opens soon" (on a clock 10 times faster, so its
     * early access is still 12 s ahead when it is published).
     */
    @Test
    void theShopsNextDrop_reachesASubscribedMember_throughAPageOnTheShopsQueue() throws Exception {
        LocalRuntime.Options options = LocalRuntime.Options.exampleDrop(Path.of(".."), data, true)
                .withNextDrop(java.time.Duration.ofMinutes(2), 10);
        try (LocalRuntime runtime = new LocalRuntime(options).start()) {
            String base = "http://localhost:" + runtime.port();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/shop/audience"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"fan@example.com\","
                            + "\"consentTextVersion\":\"2026-12\",\"interests\":[]}")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
            Matcher confirm = Pattern.compile("/subscribe/\\?token=([A-Za-z0-9._-]+)")
                    .matcher(mailText(runtime, "fan@example.com", "CONFIRM_SIGNUP"));
            assertThat(confirm.find()).isTrue();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/shop/audience/confirm"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + confirm.group(1) + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(runtime.nextDrop()).as("subscribed before the next drop is published").isEmpty();

            assertThat(mailText(runtime, "fan@example.com", "DROP_OPENS_SOON")).contains("neon-runners-night");
        }
    }

    /** The text of the first mail of {@code kind} to {@code to}, waited for up to 40 s. */
    private static String mailText(LocalRuntime runtime, String to, String kind) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < deadline) {
            for (jakarta.mail.internet.MimeMessage mail : runtime.mail().received()) {
                if (mail.getAllRecipients()[0].toString().equals(to)
                        && kind.equals(mail.getHeader("X-Microdrop-Kind", null))) {
                    return com.icegreen.greenmail.util.GreenMailUtil.getBody(mail);
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + kind + " mail within 40 s");
    }

    @Test
    void theBannersCommands_answer2xx_asPrinted() throws Exception {
        try (LocalRuntime runtime = new LocalRuntime(LocalRuntime.Options.exampleDrop(Path.of(".."), data, true)).start()) {
            List<String> commands = PrintedCommands.commands(runtime.banner());
            List<String> failures = new ArrayList<>();

            commands.forEach(new Reader(runtime.port(), Map.of(), failures)::run);

            assertThat(commands).as("the banner's curl commands").hasSize(7);
            assertThat(failures).isEmpty();
        }
    }

    /**
     * The README's quick start, block by block: each {@code ./microdrop local} starts the runtime it describes (in
     * memory, on a free port), and the curl commands after it run against it, with what the README tells the
     * reader to fill in taken from earlier answers.
     */
    @Test
    void theReadmeQuickStartsCommands_answer2xx_asPrinted() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));

        Played played = play(PrintedCommands.markdownCommands(readme.substring(0, readme.indexOf("\n## How it works"))));

        assertThat(played.runtimes()).hasSize(2);
        assertThat(played.curls()).as("the quick start's curl commands").isEqualTo(8);
        assertThat(played.failures()).isEmpty();
    }

    @Test
    void theDropManifestReadmesCommands_answer2xx_asPrinted() throws Exception {
        Played played = play(PrintedCommands.markdownCommands(Files.readString(Path.of("..", "drops", "README.md"))));

        assertThat(played.runtimes()).hasSize(1);
        assertThat(played.curls()).as("the curl commands of drops/README.md").isEqualTo(1);
        assertThat(played.failures()).isEmpty();
    }

    /** What playing a document's commands gave: the runtimes it started, how many curls ran, and which failed. */
    private record Played(List<String> runtimes, int curls, List<String> failures) {
    }

    private static Played play(List<String> commands) throws Exception {
        List<String> runtimes = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int curls = 0;
        Reader reader = null;
        LocalRuntime runtime = null;
        try {
            for (String command : commands) {
                List<String> words = command.startsWith("./microdrop") ? PrintedCommands.words(command, Map.of()) : null;
                if (command.startsWith("./microdrop local")) {
                    if (runtime != null) {
                        runtime.close();
                    }
                    runtime = new LocalRuntime(optionsAsInTheRepositoryRoot(words.subList(2, words.size()))).start();
                    runtimes.add(command);
                    reader = new Reader(runtime.port(), Map.of("KEY", runtime.merchantKey()), failures);
                } else if (command.startsWith("./microdrop")) {
                    // Not HTTP: the whole test suite, the reconciler (ReconcileCommandIntegrationTest runs it) and the
                    // crowd (CrowdIntegrationTest runs a short one against this runtime's example drop).
                    assertThat(words.get(1)).as(command).isIn("test", "reconcile", "crowd");
                } else {
                    assertThat(reader).as("a runtime started before " + command).isNotNull();
                    reader.run(command);
                    curls++;
                }
            }
        } finally {
            if (runtime != null) {
                runtime.close();
            }
        }
        return new Played(runtimes, curls, failures);
    }

    /** {@code ./microdrop local} options as the launcher runs them from the repository root; tests run in local/. */
    private static LocalRuntime.Options optionsAsInTheRepositoryRoot(List<String> printed) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < printed.size(); i++) {
            args.add(printed.get(i));
            if (printed.get(i).equals("--drop")) {
                args.add(Path.of("..").resolve(printed.get(++i)).toString());
            }
        }
        if (!args.contains("--drop")) {
            // What Options.parse does without --drop: the example drop, opened now unless --keep-dates.
            args.addAll(List.of("--drop", Path.of("..").resolve(LocalRuntime.Options.DEFAULT_DROP).toString()));
            if (!args.contains("--keep-dates")) {
                args.add("--opens-now");
            }
        }
        args.addAll(List.of("--in-memory", "--port", "0"));
        return LocalRuntime.Options.parse(args.toArray(String[]::new));
    }

    /** Runs curl commands as a reader would: the port filled in, and what earlier answers told them. */
    private static final class Reader {

        private final int port;
        private final Map<String, String> environment;
        private final List<String> failures;
        private final Map<String, String> placeholders = new HashMap<>();

        Reader(int port, Map<String, String> environment, List<String> failures) {
            this.port = port;
            this.environment = environment;
            this.failures = failures;
        }

        void run(String command) {
            String filled = command.replace("localhost:8080", "localhost:" + port);
            for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
                filled = filled.replace(placeholder.getKey(), placeholder.getValue());
            }
            Matcher unfilled = PLACEHOLDER.matcher(filled);
            if (unfilled.find()) {
                failures.add(filled + "\n  -> no earlier answer gave " + unfilled.group());
                return;
            }
            try {
                HttpResponse<String> answer = PrintedCommands.curl(PrintedCommands.words(filled, environment));
                if (answer.statusCode() / 100 != 2) {
                    failures.add(filled + "\n  -> " + answer.statusCode() + " " + answer.body());
                }
                JsonNode json = answer.body().startsWith("{") ? MAPPER.readTree(answer.body()) : MAPPER.nullNode();
                learn("<orderId>", json.path("orderId"));
                learn("<orderToken>", json.path("orderToken"));
                learn("<intentId>", json.path("payment").path("intentId"));
            } catch (Exception e) {
                failures.add(filled + "\n  -> " + e);
            }
        }

        private void learn(String placeholder, JsonNode value) {
            if (value.isTextual()) {
                placeholders.put(placeholder, value.asText());
            }
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
