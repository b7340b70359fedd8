package dev.microdrop.local.eventbridge;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.event.ruler.JsonRuleCompiler;

/**
 * EventBridge on a loopback port, speaking its AWS JSON 1.1 protocol, so the real SDK {@code EventBridgeClient}
 * (pointed here by {@code endpointOverride} or the {@code aws.endpointUrlEventBridge} system property) runs
 * unchanged in the local runtime and in tests.
 *
 * <p>Rules are matched by event-ruler, EventBridge's own engine, against the full envelope EventBridge builds
 * ({@code version, id, detail-type, source, account, time, region, resources, detail}). Matching targets get the
 * envelope, or the target's Input or InputPath selection: SQS queues through the given {@link SqsClient} (point it
 * at ElasticMQ), Lambda functions through handlers registered with {@link #onLambda}. Delivery is asynchronous, with
 * {@link Delivery.Policy#eventBridge()}'s few quick retries.
 *
 * <p>Operations: CreateEventBus, DescribeEventBus, PutRule, DescribeRule, ListRules, DeleteRule, PutTargets,
 * ListTargetsByRule, RemoveTargets, PutEvents. Schedule expressions, input transformers, archives and cross-account
 * buses are not supported and are refused with a ValidationException saying so. Requests are not authenticated.
 */
public final class LocalEventBridge implements AutoCloseable {

    public static final String DEFAULT_BUS = "default";
    public static final String DEFAULT_ACCOUNT = "000000000000";

    private static final Logger log = LoggerFactory.getLogger(LocalEventBridge.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "AWSEvents.";
    private static final int MAX_ENTRIES = 10;
    private static final int MAX_TARGETS_PER_REQUEST = 10;
    private static final int MAX_REQUEST_BYTES = 256 * 1024;
    private static final Pattern NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");
    private static final Pattern BUS_NAME = Pattern.compile("[/.\\-_A-Za-z0-9]{1,256}");

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
        buses.put(DEFAULT_BUS, new EventBus(DEFAULT_BUS, busArn(DEFAULT_BUS)));
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

    /**
     * Delivers events for Lambda targets named {@code functionName} (any region, account or qualifier) to
     * {@code handler}, with the payload EventBridge would invoke the function with. A handler that throws counts as
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

    public String region() {
        return region;
    }

    public String accountId() {
        return accountId;
    }

    public String eventBusArn(String eventBusName) {
        return busArn(eventBusName);
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
        return switch (name) {
            case "CreateEventBus" -> createEventBus(request);
            case "DescribeEventBus" -> describeEventBus(request);
            case "PutRule" -> putRule(request);
            case "DescribeRule" -> describeRule(request);
            case "ListRules" -> listRules(request);
            case "DeleteRule" -> deleteRule(request);
            case "PutTargets" -> putTargets(request);
            case "ListTargetsByRule" -> listTargetsByRule(request);
            case "RemoveTargets" -> removeTargets(request);
            case "PutEvents" -> putEvents(request);
            default -> throw new AwsJsonError(400, "UnknownOperationException",
                    "The local event bus does not implement " + name + ".");
        };
    }

    private ObjectNode createEventBus(JsonNode request) {
        String name = required(request, "Name");
        if (!BUS_NAME.matcher(name).matches() || name.equals(DEFAULT_BUS)) {
            throw AwsJsonError.validation("Event bus name " + name + " is not valid.");
        }
        if (request.hasNonNull("EventSourceName")) {
            throw AwsJsonError.validation("Partner event sources are not supported by the local event bus.");
        }
        EventBus bus = new EventBus(name, busArn(name));
        if (buses.putIfAbsent(name, bus) != null) {
            throw new AwsJsonError(400, "ResourceAlreadyExistsException", "Event bus " + name + " already exists.");
        }
        return JSON.createObjectNode().put("EventBusArn", bus.arn());
    }

    private ObjectNode describeEventBus(JsonNode request) {
        EventBus bus = bus(optional(request, "Name"));
        return JSON.createObjectNode().put("Name", bus.name()).put("Arn", bus.arn());
    }

    private ObjectNode putRule(JsonNode request) {
        String name = ruleName(required(request, "Name"));
        EventBus bus = bus(optional(request, "EventBusName"));
        if (request.hasNonNull("ScheduleExpression")) {
            throw AwsJsonError.validation("ScheduleExpression is not supported by the local event bus; "
                    + "schedules belong to EventBridge Scheduler.");
        }
        String pattern = optional(request, "EventPattern");
        if (pattern == null) {
            throw AwsJsonError.validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        String problem = JsonRuleCompiler.check(pattern);
        if (problem != null) {
            throw new AwsJsonError(400, "InvalidEventPatternException",
                    "Event pattern is not valid. Reason: " + problem.lines().findFirst().orElse(problem));
        }
        String state = request.hasNonNull("State") ? request.get("State").asText() : "ENABLED";
        if (!List.of("ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS").contains(state)) {
            throw AwsJsonError.validation("State " + state + " is not one of ENABLED, DISABLED.");
        }
        String arn = ruleArn(bus.name(), name);
        bus.putRule(name, arn, pattern, state, optional(request, "Description"));
        return JSON.createObjectNode().put("RuleArn", arn);
    }

    private ObjectNode describeRule(JsonNode request) {
        EventBus bus = bus(optional(request, "EventBusName"));
        return ruleJson(bus.rule(required(request, "Name"))).put("CreatedBy", accountId);
    }

    private ObjectNode listRules(JsonNode request) {
        EventBus bus = bus(optional(request, "EventBusName"));
        List<EventBus.Rule> rules = bus.rules(optional(request, "NamePrefix"));
        int from = page(request, "NextToken", rules.size());
        int limit = request.hasNonNull("Limit") ? Math.max(1, request.get("Limit").asInt()) : 100;
        int to = Math.min(rules.size(), from + limit);
        ObjectNode response = JSON.createObjectNode();
        ArrayNode items = response.putArray("Rules");
        rules.subList(from, to).forEach(rule -> items.add(ruleJson(rule)));
        if (to < rules.size()) {
            response.put("NextToken", Integer.toString(to));
        }
        return response;
    }

    private ObjectNode deleteRule(JsonNode request) {
        EventBus bus = bus(optional(request, "EventBusName"));
        bus.deleteRule(required(request, "Name"));
        return JSON.createObjectNode();
    }

    private ObjectNode putTargets(JsonNode request) {
        String ruleName = required(request, "Rule");
        EventBus bus = bus(optional(request, "EventBusName"));
        JsonNode targets = request.get("Targets");
        if (targets == null || !targets.isArray() || targets.isEmpty() || targets.size() > MAX_TARGETS_PER_REQUEST) {
            throw AwsJsonError.validation("Targets must list 1 to " + MAX_TARGETS_PER_REQUEST + " targets.");
        }
        List<EventBus.Target> parsed = new ArrayList<>();
        for (JsonNode target : targets) {
            parsed.add(target(target));
        }
        bus.putTargets(ruleName, parsed);
        return JSON.createObjectNode().put("FailedEntryCount", 0).set("FailedEntries", JSON.createArrayNode());
    }

    private EventBus.Target target(JsonNode target) {
        String id = required(target, "Id");
        if (!NAME.matcher(id).matches()) {
            throw AwsJsonError.validation("Target Id " + id + " must match [.\\-_A-Za-z0-9]{1,64}.");
        }
        String arn = required(target, "Arn");
        Destination destination = Destination.parse(arn);
        if (destination == null) {
            throw AwsJsonError.validation("Target " + id + ": the local event bus delivers only to SQS queues "
                    + "(arn:aws:sqs:...) and Lambda functions (arn:aws:lambda:...:function:...), not " + arn + ".");
        }
        if (destination.kind() == Destination.Kind.SQS && !delivery.canDeliverToSqs()) {
            throw AwsJsonError.validation("Target " + id + ": this local event bus was started without an SQS client.");
        }
        if (target.hasNonNull("InputTransformer")) {
            throw AwsJsonError.validation("InputTransformer is not supported by the local event bus.");
        }
        String input = optional(target, "Input");
        String inputPath = optional(target, "InputPath");
        if (input != null && inputPath != null) {
            throw AwsJsonError.validation("Only one of Input, InputPath, or InputTransformer must be provided.");
        }
        if (input != null) {
            try {
                JSON.readTree(input);
            } catch (JsonProcessingException e) {
                throw AwsJsonError.validation("Target " + id + ": Input is not valid JSON.");
            }
        }
        if (inputPath != null) {
            InputPath.compile(inputPath);
        }
        if (destination.fifo()) {
            throw AwsJsonError.validation("Target " + id + ": FIFO queues are not supported by the local event bus.");
        }
        return new EventBus.Target(id, destination, input, inputPath);
    }

    private ObjectNode listTargetsByRule(JsonNode request) {
        EventBus bus = bus(optional(request, "EventBusName"));
        EventBus.Rule rule = bus.rule(required(request, "Rule"));
        ObjectNode response = JSON.createObjectNode();
        ArrayNode targets = response.putArray("Targets");
        for (EventBus.Target target : rule.targets().values()) {
            ObjectNode json = targets.addObject().put("Id", target.id()).put("Arn", target.arn().arn());
            if (target.input() != null) {
                json.put("Input", target.input());
            }
            if (target.inputPath() != null) {
                json.put("InputPath", target.inputPath());
            }
        }
        return response;
    }

    private ObjectNode removeTargets(JsonNode request) {
        String ruleName = required(request, "Rule");
        EventBus bus = bus(optional(request, "EventBusName"));
        JsonNode ids = request.get("Ids");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw AwsJsonError.validation("Ids must list at least one target id.");
        }
        List<String> missing = bus.removeTargets(ruleName, textValues(ids));
        ObjectNode response = JSON.createObjectNode().put("FailedEntryCount", missing.size());
        ArrayNode failed = response.putArray("FailedEntries");
        missing.forEach(id -> failed.addObject().put("TargetId", id).put("ErrorCode", "ResourceNotFoundException")
                .put("ErrorMessage", "Target " + id + " does not exist on rule " + ruleName + "."));
        return response;
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
        ObjectNode envelope = envelope(eventId, entry);
        String envelopeJson = envelope.toString();
        for (EventBus.Rule rule : bus.matching(envelopeJson)) {
            for (EventBus.Target target : rule.targets().values()) {
                String payload = payload(envelope, envelopeJson, target);
                if (payload == null) {
                    log.warn("event {} (rule {}): InputPath {} selects nothing; target {} skipped", eventId,
                            rule.name(), target.inputPath(), target.id());
                    continue;
                }
                delivery.later(new Delivery.Parcel(eventId, "rule " + rule.name(), target.arn(), payload, null,
                        Delivery.Policy.eventBridge()), outcome -> { });
            }
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

    private static String payload(ObjectNode envelope, String envelopeJson, EventBus.Target target) {
        if (target.input() != null) {
            return target.input();
        }
        if (target.inputPath() != null) {
            JsonPointer pointer = InputPath.compile(target.inputPath());
            JsonNode selected = envelope.at(pointer);
            return selected.isMissingNode() ? null : selected.toString();
        }
        return envelopeJson;
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

    private ObjectNode ruleJson(EventBus.Rule rule) {
        ObjectNode json = JSON.createObjectNode()
                .put("Name", rule.name())
                .put("Arn", rule.arn())
                .put("EventPattern", rule.pattern())
                .put("State", rule.state())
                .put("EventBusName", rule.eventBusName());
        if (rule.description() != null) {
            json.put("Description", rule.description());
        }
        return json;
    }

    private EventBus bus(String nameOrArn) {
        String name = busName(nameOrArn);
        EventBus bus = buses.get(name);
        if (bus == null) {
            throw AwsJsonError.notFound("Event bus " + name + " does not exist.");
        }
        return bus;
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

    private static String ruleName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw AwsJsonError.validation("1 validation error detected: Value '" + name + "' at 'name' failed to "
                    + "satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+");
        }
        return name;
    }

    private String busArn(String name) {
        return "arn:aws:events:" + region + ":" + accountId + ":event-bus/" + name;
    }

    private String ruleArn(String busName, String ruleName) {
        return "arn:aws:events:" + region + ":" + accountId + ":rule/"
                + (busName.equals(DEFAULT_BUS) ? "" : busName + "/") + ruleName;
    }

    private static int page(JsonNode request, String field, int size) {
        String token = optional(request, field);
        if (token == null) {
            return 0;
        }
        try {
            int from = Integer.parseInt(token);
            if (from >= 0 && from <= size) {
                return from;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw AwsJsonError.validation("The NextToken is not valid.");
    }

    private static String required(JsonNode request, String field) {
        String value = optional(request, field);
        if (value == null || value.isEmpty()) {
            throw AwsJsonError.validation("1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private static String optional(JsonNode request, String field) {
        JsonNode value = request.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> textValues(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
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
