package dev.microdrop.local.eventbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.microdrop.infrastructure.json.Json;
import dev.microdrop.local.net.Delivery;
import dev.microdrop.local.net.Destination;
import dev.microdrop.local.net.LoopbackServer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.event.ruler.JsonRuleCompiler;

/**
 * EventBridge's PutEvents on a loopback port, in its AWS JSON 1.1 protocol, so the real SDK {@code EventBridgeClient}
 * (pointed here by {@code endpointOverride} or the {@code aws.endpointUrlEventBridge} system property) publishes
 * unchanged in the local runtime and in tests. PutEvents is the one operation the product calls (the outbox relay's
 * {@code EventBridgePublisher}); any other is answered {@code UnknownOperationException}, as EventBridge answers an
 * operation it does not know.
 *
 * <p>Buses and rules are set up in-process ({@link #createEventBus}, {@link #rule}; {@code EventRuleFiles.install}
 * for the rule files), as the stack sets them up on AWS, not through the SDK. Rules are matched by event-ruler,
 * EventBridge's own engine, against the full envelope EventBridge builds ({@code version, id, detail-type, source,
 * account, time, region, resources, detail}), and each matching rule's target gets the envelope: an SQS queue through
 * the given {@link SqsClient} (point it at ElasticMQ), a Lambda function through a handler registered with
 * {@link #onLambda}. Delivery is asynchronous, with {@link Delivery.Policy#eventBridge()}'s few quick retries.
 * Requests are not authenticated.
 */
public final class LocalEventBridge implements AutoCloseable {

    public static final String DEFAULT_BUS = "default";
    public static final String DEFAULT_ACCOUNT = "000000000000";

    private static final Logger log = LoggerFactory.getLogger(LocalEventBridge.class);
    private static final ObjectMapper JSON = Json.mapper();
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "AWSEvents.";
    private static final int MAX_ENTRIES = 10;
    private static final int MAX_REQUEST_BYTES = 256 * 1024;

    private final String region;
    private final String accountId;
    private final Clock clock;
    private final Delivery delivery;
    private final Map<String, EventBus> buses = new ConcurrentHashMap<>();
    private LoopbackServer http;

    /**
     * A bus in {@code us-east-1}, account {@value #DEFAULT_ACCOUNT}.
     *
     * @param sqs the client SQS targets are delivered through; null if this bus has no SQS targets
     */
    public LocalEventBridge(SqsClient sqs) {
        this(sqs, "us-east-1", DEFAULT_ACCOUNT, Clock.systemUTC());
    }

    /** @param clock stamps events whose PutEvents entry has no Time */
    public LocalEventBridge(SqsClient sqs, String region, String accountId, Clock clock) {
        this.region = region;
        this.accountId = accountId;
        this.clock = clock;
        this.delivery = new Delivery(sqs, clock);
        buses.put(DEFAULT_BUS, new EventBus(DEFAULT_BUS));
    }

    /** Listens on 127.0.0.1; port 0 picks a free one. */
    public synchronized LocalEventBridge start(int port) throws IOException {
        if (http != null) {
            throw new IllegalStateException("already started on " + endpoint());
        }
        http = LoopbackServer.start(port, this::handle);
        return this;
    }

    public synchronized URI endpoint() {
        if (http == null) {
            throw new IllegalStateException("not started");
        }
        return http.endpoint();
    }

    /** A custom bus, as the stack creates one; creating one that exists changes nothing. */
    public LocalEventBridge createEventBus(String name) {
        buses.computeIfAbsent(name, EventBus::new);
        return this;
    }

    /**
     * Creates or replaces the rule {@code ruleName} on the bus {@code busName}: events matching {@code pattern} go to
     * {@code targetArn}, a standard SQS queue or a Lambda function.
     *
     * @throws IllegalArgumentException if the bus does not exist, event-ruler refuses the pattern, or the bus cannot
     *                                  deliver to the target
     */
    public LocalEventBridge rule(String busName, String ruleName, String pattern, String targetArn) {
        EventBus bus = buses.get(busName);
        if (bus == null) {
            throw new IllegalArgumentException("Event bus " + busName + " does not exist.");
        }
        String problem = JsonRuleCompiler.check(pattern);
        if (problem != null) {
            throw new IllegalArgumentException("Rule " + ruleName + ": event pattern is not valid: "
                    + problem.lines().findFirst().orElse(problem));
        }
        Destination target = Destination.parse(targetArn);
        if (target == null || target.fifo()) {
            throw new IllegalArgumentException("Rule " + ruleName + ": the local event bus delivers only to standard "
                    + "SQS queues (arn:aws:sqs:...) and Lambda functions (arn:aws:lambda:...:function:...), not "
                    + targetArn + ".");
        }
        if (target.kind() == Destination.Kind.SQS && !delivery.canDeliverToSqs()) {
            throw new IllegalArgumentException("Rule " + ruleName + ": this local event bus was started without an "
                    + "SQS client.");
        }
        bus.putRule(ruleName, pattern, target);
        return this;
    }

    /**
     * Delivers events for Lambda targets named {@code functionName} (any region, account or qualifier) to
     * {@code handler}, with the envelope EventBridge would invoke the function with. A handler that throws counts as
     * a failed invocation and is retried.
     */
    public LocalEventBridge onLambda(String functionName, Consumer<String> handler) {
        delivery.onLambda(functionName, handler);
        return this;
    }

    /** Waits until every delivery of every event accepted so far has succeeded or given up. */
    public boolean awaitDeliveries(Duration timeout) throws InterruptedException {
        return delivery.awaitIdle(timeout);
    }

    @Override
    public synchronized void close() {
        if (http != null) {
            http.close();
            http = null;
        }
        delivery.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            try {
                boolean post = exchange.getRequestMethod().equals("POST");
                if (!post || target == null || !target.startsWith(TARGET_PREFIX)) {
                    throw new AwsJsonError(400, "UnknownOperationException",
                            "Expected POST / with X-Amz-Target: AWSEvents.<Operation>.");
                }
                JsonNode request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
                if (!request.isObject()) {
                    throw new AwsJsonError(400, "SerializationException", "The request body must be a JSON object.");
                }
                respond(exchange, 200, null, operation(target.substring(TARGET_PREFIX.length()), request));
            } catch (AwsJsonError e) {
                respond(exchange, e.status(), e.type(), error(e.type(), e.getMessage()));
            } catch (JsonProcessingException e) {
                respond(exchange, 400, "SerializationException", error("SerializationException",
                        "The request body is not valid JSON."));
            } catch (RuntimeException e) {
                log.error("local EventBridge failed on {}", target, e);
                respond(exchange, 500, "InternalException", error("InternalException", e.toString()));
            }
        }
    }

    private ObjectNode operation(String name, JsonNode request) {
        if (!name.equals("PutEvents")) {
            throw new AwsJsonError(400, "UnknownOperationException", "The local event bus implements PutEvents "
                    + "only, not " + name + "; its rules are installed in-process (LocalEventBridge.rule).");
        }
        return putEvents(request);
    }

    private ObjectNode putEvents(JsonNode request) {
        if (request.hasNonNull("EndpointId")) {
            throw AwsJsonError.validation("Global endpoints (EndpointId) are not supported by the local event bus.");
        }
        JsonNode entries = request.get("Entries");
        if (entries == null || !entries.isArray() || entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw AwsJsonError.validation("1 validation error detected: Value at 'entries' failed to satisfy "
                    + "constraint: Member must have length between 1 and " + MAX_ENTRIES + ".");
        }
        if (requestSize(entries) > MAX_REQUEST_BYTES) {
            throw AwsJsonError.validation("Total size of the entries in the request is over the limit.");
        }
        ObjectNode response = JSON.createObjectNode();
        ArrayNode results = JSON.createArrayNode();
        int failed = 0;
        for (JsonNode entry : entries) {
            ObjectNode result = results.addObject();
            Refusal refusal = refusal(entry);
            if (refusal != null) {
                result.put("ErrorCode", refusal.errorCode()).put("ErrorMessage", refusal.errorMessage());
                failed++;
                continue;
            }
            String eventId = UUID.randomUUID().toString();
            result.put("EventId", eventId);
            route(eventId, entry);
        }
        response.put("FailedEntryCount", failed);
        response.set("Entries", results);
        return response;
    }

    /** EventBridge's entry checks, in its order; null if the entry is accepted. */
    private static Refusal refusal(JsonNode entry) {
        String source = optional(entry, "Source");
        if (source == null || source.isEmpty()) {
            return new Refusal("InvalidArgument",
                    "Parameter Source is not valid. Reason: Source is a required argument.");
        }
        if (source.startsWith("aws.")) {
            return new Refusal("NotAuthorizedForSourceException", "Not authorized for the source.");
        }
        String detailType = optional(entry, "DetailType");
        if (detailType == null || detailType.isEmpty()) {
            return new Refusal("InvalidArgument",
                    "Parameter DetailType is not valid. Reason: DetailType is a required argument.");
        }
        String detail = optional(entry, "Detail");
        if (detail == null || detail.isEmpty()) {
            return new Refusal("InvalidArgument",
                    "Parameter Detail is not valid. Reason: Detail is a required argument.");
        }
        try {
            if (!JSON.readTree(detail).isObject()) {
                return new Refusal("MalformedDetail", "Detail is malformed.");
            }
        } catch (JsonProcessingException e) {
            return new Refusal("MalformedDetail", "Detail is malformed.");
        }
        return null;
    }

    private record Refusal(String errorCode, String errorMessage) {
    }

    private void route(String eventId, JsonNode entry) {
        String busName = busName(optional(entry, "EventBusName"));
        EventBus bus = buses.get(busName);
        if (bus == null) {
            // EventBridge accepts events for a bus that does not exist and drops them without a word; say it here.
            log.warn("event {} accepted for event bus {}, which does not exist; dropped as EventBridge would", eventId,
                    busName);
            return;
        }
        String envelope = envelope(eventId, entry).toString();
        for (EventBus.Rule rule : bus.matching(envelope)) {
            delivery.later(new Delivery.Parcel(eventId, "rule " + rule.name(), rule.target(), envelope, null,
                    Delivery.Policy.eventBridge()), outcome -> { });
        }
    }

    private ObjectNode envelope(String eventId, JsonNode entry) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("version", "0");
        envelope.put("id", eventId);
        envelope.put("detail-type", entry.get("DetailType").asText());
        envelope.put("source", entry.get("Source").asText());
        envelope.put("account", accountId);
        envelope.put("time", time(entry.get("Time")).truncatedTo(ChronoUnit.SECONDS).toString());
        envelope.put("region", region);
        ArrayNode resources = envelope.putArray("resources");
        entry.path("Resources").forEach(resource -> resources.add(resource.asText()));
        try {
            envelope.set("detail", JSON.readTree(entry.get("Detail").asText()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Detail was checked before routing", e);
        }
        return envelope;
    }

    /** The SDK sends a timestamp as epoch seconds (with a fraction); a hand-written request may send ISO-8601. */
    private Instant time(JsonNode time) {
        if (time == null || time.isNull()) {
            return clock.instant();
        }
        try {
            if (time.isNumber()) {
                BigDecimal seconds = time.decimalValue();
                return Instant.ofEpochSecond(seconds.longValue(),
                        seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
            }
            return Instant.parse(time.asText());
        } catch (DateTimeException | ArithmeticException e) {
            return clock.instant();
        }
    }

    /** EventBridge's entry size: 14 bytes for Time, plus the UTF-8 length of every string. */
    private static int requestSize(JsonNode entries) {
        int size = 0;
        for (JsonNode entry : entries) {
            size += entry.hasNonNull("Time") ? 14 : 0;
            for (String field : List.of("Source", "DetailType", "Detail")) {
                size += entry.path(field).asText("").getBytes(StandardCharsets.UTF_8).length;
            }
            for (JsonNode resource : entry.path("Resources")) {
                size += resource.asText("").getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return size;
    }

    /** Requests may name a bus by name or ARN; no name means the default bus. */
    private static String busName(String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isEmpty()) {
            return DEFAULT_BUS;
        }
        int slash = nameOrArn.indexOf(":event-bus/");
        return nameOrArn.startsWith("arn:") && slash >= 0
                ? nameOrArn.substring(slash + ":event-bus/".length())
                : nameOrArn;
    }

    private static String optional(JsonNode request, String field) {
        JsonNode value = request.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static ObjectNode error(String type, String message) {
        return JSON.createObjectNode().put("__type", type).put("message", message);
    }

    private static void respond(HttpExchange exchange, int status, String errorType, ObjectNode body)
            throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
