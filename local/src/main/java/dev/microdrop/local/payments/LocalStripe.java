package dev.microdrop.local.payments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.microdrop.infrastructure.json.Json;
import dev.microdrop.infrastructure.payments.StripeSignatures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The local runtime's payment provider: the part of Stripe's API that microdrop calls (create a payment intent,
 * refund it), served on loopback so the real Stripe adapter (stripe-java) runs unchanged, plus a simulator that
 * plays the buyer's side: it pays, fails or refunds an intent by sending the webhook Stripe would send,
 * correctly signed with the endpoint's secret. Requests with the same Idempotency-Key get the same answer, as
 * on Stripe.
 */
public final class LocalStripe implements AutoCloseable {

    private static final ObjectMapper JSON = Json.mapper();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final Map<String, ObjectNode> intents = new ConcurrentHashMap<>();
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String webhookSecret;
    private final Clock clock;
    private URI webhookUrl;
    private HttpServer server;

    public LocalStripe(String webhookSecret, Clock clock) {
        this.webhookSecret = webhookSecret;
        this.clock = clock;
    }

    public LocalStripe start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/payment_intents", exchange -> api(exchange, this::createIntent));
        server.createContext("/v1/refunds", exchange -> api(exchange, this::refund));
        server.start();
        return this;
    }

    /** Where stripe-java should send its requests ({@code MICRODROP_PAYMENTS_STRIPE_API_BASE}). */
    public String apiBase() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Where the simulator delivers webhooks: the payments function's route on the local HTTP server. */
    public void deliverWebhooksTo(URI url) {
        this.webhookUrl = url;
    }

    /**
     * Plays what happens at Stripe after the buyer acts, and delivers the resulting webhook.
     *
     * @param action {@code succeed}, {@code fail}, {@code cancel}, {@code refund} or {@code dispute}
     * @return the webhook endpoint's status and answer, or empty if there is no such intent
     */
    public Optional<SimulatedDelivery> simulate(String intentId, String action) throws IOException, InterruptedException {
        ObjectNode intent = intents.get(intentId);
        if (intent == null) {
            return Optional.empty();
        }
        String type;
        ObjectNode object;
        switch (action) {
            case "succeed" -> {
                type = "payment_intent.succeeded";
                object = intent.deepCopy().put("status", "succeeded").put("amount_received", intent.get("amount").asLong());
            }
            case "fail" -> {
                type = "payment_intent.payment_failed";
                object = intent.deepCopy().put("status", "requires_payment_method");
                object.putObject("last_payment_error").put("code", "card_declined").put("type", "card_error");
            }
            case "cancel" -> {
                type = "payment_intent.canceled";
                object = intent.deepCopy().put("status", "canceled").put("cancellation_reason", "abandoned");
            }
            case "refund" -> {
                type = "charge.refunded";
                object = charge(intent);
            }
            case "dispute" -> {
                type = "charge.dispute.created";
                object = JSON.createObjectNode().put("id", "dp_local_" + token(16)).put("object", "dispute")
                        .put("amount", intent.get("amount").asLong()).put("currency", intent.get("currency").asText())
                        .put("payment_intent", intentId).put("status", "needs_response").put("reason", "fraudulent");
                object.putObject("metadata");
            }
            default -> throw new IllegalArgumentException("unknown action " + action);
        }
        return Optional.of(deliver(type, object));
    }

    public boolean knows(String intentId) {
        return intents.containsKey(intentId);
    }

    private String createIntent(Map<String, String> form) {
        String id = "pi_local_" + token(24);
        ObjectNode intent = JSON.createObjectNode()
                .put("id", id)
                .put("object", "payment_intent")
                .put("amount", Long.parseLong(form.getOrDefault("amount", "0")))
                .put("currency", form.getOrDefault("currency", "eur").toLowerCase(Locale.ROOT))
                .put("status", "requires_payment_method")
                .put("client_secret", id + "_secret_" + token(24))
                .put("created", clock.instant().getEpochSecond())
                .put("livemode", false);
        intent.putObject("automatic_payment_methods").put("enabled", true);
        ObjectNode metadata = intent.putObject("metadata");
        form.forEach((key, value) -> {
            if (key.startsWith("metadata[") && key.endsWith("]")) {
                metadata.put(key.substring("metadata[".length(), key.length() - 1), value);
            }
        });
        intents.put(id, intent);
        return intent.toString();
    }

    private String refund(Map<String, String> form) {
        ObjectNode intent = intents.get(form.get("payment_intent"));
        if (intent == null) {
            throw new IllegalArgumentException("No such payment_intent: " + form.get("payment_intent"));
        }
        ObjectNode refund = JSON.createObjectNode()
                .put("id", "re_local_" + token(24))
                .put("object", "refund")
                .put("amount", intent.get("amount").asLong())
                .put("currency", intent.get("currency").asText())
                .put("payment_intent", intent.get("id").asText())
                .put("status", "succeeded")
                .put("created", clock.instant().getEpochSecond());
        refund.set("metadata", intent.get("metadata").deepCopy());
        // Stripe then reports the refund with a charge.refunded webhook; so does this simulator, a moment later.
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(200);
                deliver("charge.refunded", charge(intent));
            } catch (Exception e) {
                Thread.currentThread().interrupt();
            }
        });
        return refund.toString();
    }

    private ObjectNode charge(ObjectNode intent) {
        ObjectNode charge = JSON.createObjectNode()
                .put("id", "ch_local_" + token(24))
                .put("object", "charge")
                .put("amount", intent.get("amount").asLong())
                .put("amount_refunded", intent.get("amount").asLong())
                .put("currency", intent.get("currency").asText())
                .put("payment_intent", intent.get("id").asText())
                .put("refunded", true)
                .put("status", "succeeded");
        charge.set("metadata", intent.get("metadata").deepCopy());
        return charge;
    }

    private SimulatedDelivery deliver(String type, ObjectNode object) throws IOException, InterruptedException {
        long now = clock.instant().getEpochSecond();
        ObjectNode event = JSON.createObjectNode()
                .put("id", "evt_local_" + token(24))
                .put("object", "event")
                .put("api_version", "2026-07-29.dahlia")
                .put("created", now)
                .put("livemode", false)
                .put("pending_webhooks", 1)
                .put("type", type);
        event.putObject("data").set("object", object);
        event.putObject("request").putNull("id").putNull("idempotency_key");
        String payload = event.toString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(webhookUrl)
                .header("content-type", "application/json; charset=utf-8")
                .header("stripe-signature", StripeSignatures.sign(payload, webhookSecret, now))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
        return new SimulatedDelivery(type, event.get("id").asText(), response.statusCode(), response.body());
    }

    private void api(HttpExchange exchange, java.util.function.Function<Map<String, String>, String> operation)
            throws IOException {
        try (exchange) {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = 200;
            String answer;
            try {
                answer = key == null ? operation.apply(form(body))
                        : answers.computeIfAbsent(exchange.getRequestURI().getPath() + " " + key, k -> operation.apply(form(body)));
            } catch (IllegalArgumentException e) {
                status = 400;
                answer = JSON.createObjectNode().set("error", JSON.createObjectNode()
                        .put("type", "invalid_request_error").put("message", e.getMessage())).toString();
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Request-Id", "req_local_" + token(14));
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    private String token(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** What one simulated webhook delivery got back from the endpoint. */
    public record SimulatedDelivery(String type, String eventId, int status, String answer) {
    }
}
