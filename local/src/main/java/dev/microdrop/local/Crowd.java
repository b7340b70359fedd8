package dev.microdrop.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microdrop.infrastructure.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./microdrop crowd}: buyers for a running local runtime, so that a drop and its dashboard move. Each buyer
 * reads the drop, reserves one unit of something still available (a pickup in a slot with places left, or a
 * shipment), and then, as its seeded role says, pays, has its card declined, walks away (its hold expires), or,
 * meeting "sold out", joins the waitlist. Bounded in count and in time: it stops at whichever comes first, and prints
 * what happened. Only over the public API and the local payment simulator, like real buyers and Stripe.
 */
public final class Crowd {

    /** What a buyer does after reserving. Weights out of 100. */
    enum Role {
        PAYS(55), DECLINED(15), ABANDONS(15), WAITS(15);

        final int weight;

        Role(int weight) {
            this.weight = weight;
        }

        static Role pick(Random random) {
            int roll = random.nextInt(100);
            for (Role role : values()) {
                if (roll < role.weight) {
                    return role;
                }
                roll -= role.weight;
            }
            return PAYS;
        }
    }

    record Options(URI base, String dropId, int buyers, Duration duration, long seed) {

        static final String USAGE = """
                usage: ./microdrop crowd [--url URL] [--drop ID] [--buyers N] [--seconds S] [--seed N]
                  --url URL      the running local runtime (default http://localhost:8080)
                  --drop ID      the drop to buy from (default: the first open drop of GET /drops)
                  --buyers N     how many buyers arrive, 1..10000 (default 60)
                  --seconds S    over how long, 1..3600; buyers still busy at the end stop (default 60)
                  --seed N       the random seed, to replay a crowd (default: random, printed)""";

        static Options parse(String[] args) {
            URI base = URI.create("http://localhost:8080");
            String dropId = null;
            int buyers = 60;
            int seconds = 60;
            long seed = new Random().nextLong();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--url" -> base = URI.create(require(value, "--url").replaceAll("/$", ""));
                    case "--drop" -> dropId = require(value, "--drop");
                    case "--buyers" -> buyers = bounded(require(value, "--buyers"), 1, 10_000, "--buyers");
                    case "--seconds" -> seconds = bounded(require(value, "--seconds"), 1, 3600, "--seconds");
                    case "--seed" -> seed = Long.parseLong(require(value, "--seed"));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            return new Options(base, dropId, buyers, Duration.ofSeconds(seconds), seed);
        }

        private static String require(String value, String option) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        private static int bounded(String value, int min, int max, String option) {
            try {
                int n = Integer.parseInt(value);
                if (n < min || n > max) {
                    throw new IllegalArgumentException(option + " must be between " + min + " and " + max);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a number");
            }
        }
    }

    /** What the crowd did: every buyer ends in exactly one outcome. */
    record Tally(Map<String, Integer> outcomes, int buyers) {

        int count(String outcome) {
            return outcomes.getOrDefault(outcome, 0);
        }
    }

    private static final ObjectMapper JSON = Json.mapper();

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

    Crowd(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("microdrop crowd: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        Tally tally = new Crowd(options).run(System.out);
        System.exit(tally.count("error") > 0 ? 1 : 0);
    }

    Tally run(PrintStream out) throws Exception {
        String dropId = options.dropId() != null ? options.dropId() : firstOpenDrop();
        out.printf("crowd: %d buyers over %d s for %s at %s (seed %d)%n", options.buyers(),
                options.duration().toSeconds(), dropId, options.base(), options.seed());
        Random random = new Random(options.seed());
        long start = System.nanoTime();
        long end = start + options.duration().toNanos();
        long gap = options.duration().toNanos() / options.buyers();
        try (var buyers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < options.buyers() && System.nanoTime() < end; i++) {
                long arrives = start + i * gap;
                long wait = arrives - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                Role role = Role.pick(random);
                String email = "crowd-" + Long.toHexString(random.nextLong()) + "@example.com";
                long seed = random.nextLong();
                buyers.submit(() -> {
                    String outcome;
                    try {
                        outcome = buyer(dropId, role, email, new Random(seed), end);
                    } catch (IOException e) {
                        outcome = "error";
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        outcome = "stopped";
                    }
                    outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                });
            }
        }
        Map<String, Integer> counted = new TreeMap<>();
        outcomes.forEach((outcome, n) -> counted.put(outcome, n.get()));
        Tally tally = new Tally(counted, counted.values().stream().mapToInt(Integer::intValue).sum());
        out.printf("crowd: %d buyers in %.1f s: %s%n", tally.buyers(), (System.nanoTime() - start) / 1e9, counted);
        return tally;
    }

    /** One buyer's visit, from reading the drop to its outcome. */
    private String buyer(String dropId, Role role, String email, Random random, long end)
            throws IOException, InterruptedException {
        HttpResponse<String> read = send(HttpRequest.newBuilder(options.base().resolve("/drops/" + dropId)).GET());
        if (read.statusCode() != 200) {
            return "drop-unavailable";
        }
        JsonNode drop = JSON.readTree(read.body());
        List<JsonNode> skus = new ArrayList<>();
        drop.path("skus").forEach(skus::add);
        List<JsonNode> available = skus.stream().filter(s -> s.path("available").asInt() > 0).toList();
        JsonNode sku = available.isEmpty() ? skus.get(random.nextInt(skus.size()))
                : available.get(random.nextInt(available.size()));
        ObjectNode request = checkout(drop, sku.path("sku").asText(), email, random);
        HttpResponse<String> answer = post("/checkout", request);
        if (answer.statusCode() == 409 && problemType(answer).equals("sold-out")) {
            if (role != Role.WAITS) {
                return "met-sold-out";
            }
            HttpResponse<String> joined = post("/waitlist", request);
            return joined.statusCode() == 202 || joined.statusCode() == 200 ? "joined-waitlist"
                    : "waitlist-refused:" + problemType(joined);
        }
        if (answer.statusCode() != 201) {
            return "refused:" + (answer.statusCode() >= 500 ? "server-error" : problemType(answer));
        }
        String intent = JSON.readTree(answer.body()).path("payment").path("intentId").asText();
        // A buyer takes a few seconds to type their card, or to give up; never past the crowd's end.
        long think = Math.min(1_000 + random.nextInt(4_000), Math.max(0, (end - System.nanoTime()) / 1_000_000));
        Thread.sleep(think);
        return switch (role) {
            case PAYS, WAITS -> simulate(intent, "succeed") ? "paid" : "payment-not-delivered";
            case DECLINED -> simulate(intent, "fail") ? "declined" : "payment-not-delivered";
            case ABANDONS -> "abandoned";
        };
    }

    /** One unit, picked up in a slot with places left at a hub that has the SKU, or else shipped. */
    private static ObjectNode checkout(JsonNode drop, String sku, String email, Random random) {
        ObjectNode request = JSON.createObjectNode();
        request.put("dropId", drop.path("dropId").asText());
        ArrayNode lines = request.putArray("lines");
        lines.addObject().put("sku", sku).put("quantity", 1);
        request.putObject("buyer").put("email", email);
        List<ObjectNode> pickups = new ArrayList<>();
        for (JsonNode hub : drop.path("hubs")) {
            boolean slotted = hub.path("slots").size() > 0;
            for (JsonNode slot : slotted ? hub.path("slots") : JSON.createArrayNode().add(JSON.nullNode())) {
                if (slot.isNull() || slot.path("seatsLeft").asInt() > 0) {
                    ObjectNode pickup = JSON.createObjectNode().put("type", "pickup").put("hubId", hub.path("hubId").asText());
                    if (!slot.isNull()) {
                        pickup.put("slotId", slot.path("slotId").asText());
                    }
                    pickups.add(pickup);
                }
            }
        }
        boolean ships = drop.path("shipping").asBoolean();
        if (!pickups.isEmpty() && (!ships || random.nextBoolean())) {
            request.set("fulfilment", pickups.get(random.nextInt(pickups.size())));
        } else {
            ObjectNode ship = request.putObject("fulfilment").put("type", "ship");
            ship.putObject("address").put("name", "Crowd Buyer").put("line1", "Crowd Street " + (1 + random.nextInt(99)))
                    .put("city", "Berlin").put("postalCode", "10115").put("country", "DE");
        }
        return request;
    }

    private String firstOpenDrop() throws IOException, InterruptedException {
        HttpResponse<String> list = send(HttpRequest.newBuilder(options.base().resolve("/drops")).GET());
        for (JsonNode drop : JSON.readTree(list.body()).path("drops")) {
            if (drop.path("status").asText().equals("open")) {
                return drop.path("dropId").asText();
            }
        }
        throw new IllegalStateException("no open drop at " + options.base() + "/drops; name one with --drop");
    }

    private boolean simulate(String intentId, String outcome) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(options.base().resolve("/simulator/payments/" + intentId + "/" + outcome))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode() == 200;
    }

    private HttpResponse<String> post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(options.base().resolve(path))
                .header("content-type", "application/json")
                .header("idempotency-key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String problemType(HttpResponse<String> answer) {
        try {
            String type = JSON.readTree(answer.body()).path("type").asText("");
            return type.substring(type.lastIndexOf('/') + 1);
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
