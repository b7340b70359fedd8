package dev.microdrop.local.scheduler;

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
import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * EventBridge Scheduler on a loopback port, speaking its REST-JSON protocol, so the real SDK {@code SchedulerClient}
 * (pointed here by {@code endpointOverride} or the {@code aws.endpointUrlScheduler} system property) runs unchanged
 * in the local runtime and in tests.
 *
 * <p>Time is scaled: the scheduler fires on {@link #simulatedNow()}, which runs {@code timeScale} times faster than
 * the injected clock from the moment the scheduler was made (60 turns a minute into a second). Only one-time
 * {@code at(yyyy-mm-ddThh:mm:ss)} schedules are supported, read in their ScheduleExpressionTimezone; rate and cron
 * expressions are refused with a ValidationException. A schedule fires once its time has come on the scaled clock
 * (a time already past when the schedule is created or updated fires at once). Targets are Lambda functions, delivered in-process to consumers registered with {@link #onLambda},
 * and SQS queues, through the given {@link SqsClient} (point it at ElasticMQ); both get the schedule's Input as is
 * ({@code {}} if it has none). A failed delivery is retried per the target's RetryPolicy with a short back-off, then
 * sent to its DeadLetterConfig queue ({@link Delivery.Policy#scheduler}). A schedule is what the product's wave
 * timers are: enabled, with no flexible time window, kept after it fired (State ENABLED, FlexibleTimeWindow OFF,
 * ActionAfterCompletion NONE); anything else, a Description, StartDate, EndDate or KmsKeyArn, is refused with a
 * ValidationException rather than stored and ignored.
 *
 * <p>Operations: the six the product calls ({@code SchedulerWaveSchedules}, for the wave schedules), as the SDK sends
 * them:
 * <pre>
 * CreateScheduleGroup  POST   /schedule-groups/{Name}
 * CreateSchedule       POST   /schedules/{Name}                         body: GroupName, ScheduleExpression, ...
 * GetSchedule          GET    /schedules/{Name}?groupName=
 * UpdateSchedule       PUT    /schedules/{Name}                         body as CreateSchedule; replaces it whole
 * DeleteSchedule       DELETE /schedules/{Name}?groupName=&amp;clientToken=
 * ListSchedules        GET    /schedules?ScheduleGroup=&amp;NamePrefix=&amp;MaxResults=&amp;NextToken=
 * </pre>
 * Any other request is answered 404 UnknownOperationException. Errors carry the type in the {@code x-amzn-ErrorType}
 * header and {@code {"Message": ...}} as the body: 409 ConflictException, 404 ResourceNotFoundException, 400
 * ValidationException. Tags, start and end dates, KMS encryption, FIFO queues and universal (aws-sdk) targets are not
 * emulated; requests are not authenticated.
 */
public final class LocalScheduler implements AutoCloseable {

    public static final String DEFAULT_GROUP = "default";
    public static final String DEFAULT_ACCOUNT = "000000000000";

    private static final Logger log = LoggerFactory.getLogger(LocalScheduler.class);
    private static final ObjectMapper JSON = Json.mapper();
    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z\\-_.]{1,64}");
    private static final Set<String> UNSUPPORTED_TARGET_PARAMETERS = Set.of("EcsParameters",
            "EventBridgeParameters", "KinesisParameters", "SageMakerPipelineParameters", "SqsParameters");
    private static final int DEFAULT_RETRY_ATTEMPTS = 185;
    private static final int DEFAULT_EVENT_AGE_SECONDS = 86_400;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration FIRE_DUE_TIMEOUT = Duration.ofMinutes(5);

    private final String region;
    private final String accountId;
    private final ScaledClock clock;
    private final ScheduleStore store = new ScheduleStore();
    private final Delivery delivery;
    private final AtomicLong versions = new AtomicLong();
    private LoopbackServer http;
    private Thread loop;
    private volatile boolean closed;

    /**
     * A scheduler in {@code us-east-1}, account {@value #DEFAULT_ACCOUNT}.
     *
     * @param clock     the real clock the scaled one runs on (a test's clock moves by hand)
     * @param timeScale how many times faster than {@code clock} schedules come due; 1 for real time
     * @param sqs       the client SQS targets and dead-letter queues are delivered through; null if there are none
     */
    public LocalScheduler(Clock clock, double timeScale, SqsClient sqs) {
        this(clock, timeScale, sqs, "us-east-1", DEFAULT_ACCOUNT);
    }

    public LocalScheduler(Clock clock, double timeScale, SqsClient sqs, String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
        this.clock = new ScaledClock(clock, timeScale);
        this.delivery = new Delivery(sqs, this.clock);
        store.createGroup(new ScheduleStore.Group(DEFAULT_GROUP, groupArn(DEFAULT_GROUP), null));
    }

    /** Listens on 127.0.0.1 (port 0 picks a free one) and starts firing schedules as they come due. */
    public synchronized LocalScheduler start(int port) throws IOException {
        if (http != null) {
            throw new IllegalStateException("already started on " + endpoint());
        }
        http = LoopbackServer.start(port, this::handle);
        loop = Thread.ofPlatform().daemon().name("local-scheduler").start(this::fireAsTheyComeDue);
        return this;
    }

    public synchronized URI endpoint() {
        if (http == null) {
            throw new IllegalStateException("not started");
        }
        return http.endpoint();
    }

    /**
     * Delivers firings of schedules whose target is the Lambda function {@code functionName} (any region, account or
     * qualifier) to {@code input}, with the schedule's Input as is. A consumer that throws is a failed invocation:
     * it is retried per the schedule's RetryPolicy, then dead-lettered.
     */
    public LocalScheduler onLambda(String functionName, Consumer<String> input) {
        delivery.onLambda(functionName, input);
        return this;
    }

    /** The scaled clock's time: start + (now - start) × timeScale. */
    public Instant simulatedNow() {
        return clock.instant();
    }

    /** The scaled clock itself, to hand to the functions so they share the scheduler's time. */
    public Clock simulatedClock() {
        return clock;
    }

    public double timeScale() {
        return clock.timeScale();
    }

    /**
     * Fires, on the calling thread, every schedule due at {@link #simulatedNow()} that is not firing already, and
     * returns once those, and any firing already under way, have been delivered or dead-lettered.
     */
    public void fireDue() throws InterruptedException {
        for (Schedule schedule : store.takeDue(clock.instant())) {
            delivery.now(firing(schedule), outcome -> afterCompletion(schedule, outcome));
        }
        if (!delivery.awaitIdle(FIRE_DUE_TIMEOUT)) {
            throw new IllegalStateException("firings still under way after " + FIRE_DUE_TIMEOUT);
        }
    }

    /** Waits until every firing under way has been delivered or dead-lettered; schedules not yet due don't count. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return delivery.awaitIdle(timeout);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (loop != null) {
            loop.interrupt();
            store.wakeUp();
            loop = null;
        }
        if (http != null) {
            http.close();
            http = null;
        }
        delivery.close();
    }

    private void fireAsTheyComeDue() {
        while (!closed) {
            try {
                store.awaitDue(clock, POLL).forEach(schedule -> delivery.later(firing(schedule),
                        outcome -> afterCompletion(schedule, outcome)));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("local scheduler: firing loop failed; going on", e);
            }
        }
    }

    /** One firing of {@code schedule}: its Input ({@code {}} if none; Scheduler documents no payload) to its target. */
    private static Delivery.Parcel firing(Schedule schedule) {
        ScheduleTarget target = schedule.target();
        return new Delivery.Parcel(UUID.randomUUID().toString(), schedule.arn(), target.destination(),
                target.input() == null ? "{}" : target.input(), schedule.due(), Delivery.Policy.scheduler(
                        target.maximumRetryAttempts(), target.maximumEventAgeInSeconds(), target.deadLetter()));
    }

    private void afterCompletion(Schedule fired, Delivery.Outcome outcome) {
        if (outcome == Delivery.Outcome.DELIVERED) {
            log.info("schedule {} fired to {}", fired.arn(), fired.target().destination().arn());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            try {
                JsonNode request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
                if (!request.isObject()) {
                    throw SchedulerError.validation("The request body must be a JSON object.");
                }
                Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                respond(exchange, 200, null, route(method, segments(path), query, request));
            } catch (SchedulerError e) {
                respond(exchange, e.status(), e.type(), error(e.getMessage()));
            } catch (JsonProcessingException e) {
                respond(exchange, 400, "ValidationException", error("The request body is not valid JSON."));
            } catch (RuntimeException e) {
                log.error("local scheduler failed on {} {}", method, path, e);
                respond(exchange, 500, "InternalServerException", error(e.toString()));
            }
        }
    }

    private ObjectNode route(String method, List<String> path, Map<String, String> query, JsonNode request) {
        String name = path.size() == 2 ? path.get(1) : null;
        String operation = path.size() > 2 ? "" : method + " /" + String.join("/", path.subList(0, Math.min(1,
                path.size()))) + (name == null ? "" : "/{Name}");
        return switch (operation) {
            case "POST /schedule-groups/{Name}" -> createScheduleGroup(name, request);
            case "POST /schedules/{Name}" -> createSchedule(name, request);
            case "GET /schedules/{Name}" -> getSchedule(name, query);
            case "PUT /schedules/{Name}" -> updateSchedule(name, request);
            case "DELETE /schedules/{Name}" -> deleteSchedule(name, query);
            case "GET /schedules" -> listSchedules(query);
            default -> throw new SchedulerError(404, "UnknownOperationException", "The local scheduler implements "
                    + "only the operations the product calls, not " + method + " /" + String.join("/", path) + ".");
        };
    }

    private ObjectNode createScheduleGroup(String name, JsonNode request) {
        checkName("name", name);
        if (request.hasNonNull("Tags") && !request.get("Tags").isEmpty()) {
            log.debug("local scheduler: tags on schedule group {} are ignored", name);
        }
        ScheduleStore.Group group = store.createGroup(new ScheduleStore.Group(name, groupArn(name),
                optional(request, "ClientToken")));
        return JSON.createObjectNode().put("ScheduleGroupArn", group.arn());
    }

    private ObjectNode createSchedule(String name, JsonNode request) {
        Schedule schedule = store.create(schedule(name, request));
        return JSON.createObjectNode().put("ScheduleArn", schedule.arn());
    }

    private ObjectNode getSchedule(String name, Map<String, String> query) {
        return scheduleJson(store.get(groupName(query.get("groupName")), name));
    }

    private ObjectNode updateSchedule(String name, JsonNode request) {
        Schedule schedule = store.update(schedule(name, request));
        return JSON.createObjectNode().put("ScheduleArn", schedule.arn());
    }

    private ObjectNode deleteSchedule(String name, Map<String, String> query) {
        store.delete(groupName(query.get("groupName")), name);
        return JSON.createObjectNode();
    }

    private ObjectNode listSchedules(Map<String, String> query) {
        String group = query.get("ScheduleGroup");
        if (query.containsKey("State")) {
            throw SchedulerError.validation("State is not supported by the local scheduler: every schedule is ENABLED.");
        }
        List<Schedule> schedules = store.list(group == null ? null : groupName(group), query.get("NamePrefix"));
        ObjectNode response = JSON.createObjectNode();
        ArrayNode items = response.putArray("Schedules");
        int from = pageStart(query.get("NextToken"), schedules.size());
        int to = Math.min(schedules.size(), from + pageSize(query.get("MaxResults")));
        for (Schedule schedule : schedules.subList(from, to)) {
            ObjectNode summary = items.addObject()
                    .put("Arn", schedule.arn())
                    .put("GroupName", schedule.groupName())
                    .put("Name", schedule.name())
                    .put("State", Schedule.ENABLED);
            summary.put("CreationDate", timestamp(schedule.creationDate()));
            summary.put("LastModificationDate", timestamp(schedule.lastModificationDate()));
            summary.putObject("Target").put("Arn", schedule.target().destination().arn());
        }
        if (to < schedules.size()) {
            response.put("NextToken", Integer.toString(to));
        }
        return response;
    }

    /** A schedule from a CreateSchedule or UpdateSchedule body, checked as Scheduler checks it. */
    private Schedule schedule(String name, JsonNode request) {
        checkName("name", name);
        String group = groupName(optional(request, "GroupName"));
        store.group(group);
        String expression = required(request, "ScheduleExpression", "scheduleExpression");
        String timezone = optional(request, "ScheduleExpressionTimezone");
        Instant due = AtExpression.due(expression, timezone);
        JsonNode window = requiredObject(request, "FlexibleTimeWindow", "flexibleTimeWindow");
        only(required(window, "Mode", "flexibleTimeWindow.mode"), "FlexibleTimeWindow.Mode", Schedule.OFF);
        only(optionalOr(request, "State", Schedule.ENABLED), "State", Schedule.ENABLED);
        only(optionalOr(request, "ActionAfterCompletion", Schedule.NONE), "ActionAfterCompletion", Schedule.NONE);
        for (String unsupported : List.of("Description", "StartDate", "EndDate", "KmsKeyArn")) {
            if (request.hasNonNull(unsupported)) {
                throw SchedulerError.validation(unsupported + " is not supported by the local scheduler.");
            }
        }
        Instant now = clock.instant();
        return new Schedule(name, group, scheduleArn(group, name), expression, timezone, due,
                target(requiredObject(request, "Target", "target")), now, now, optional(request, "ClientToken"),
                versions.incrementAndGet(), false);
    }

    /** A value the product always sends as {@code supported}; Scheduler's other values are not emulated here. */
    private static void only(String value, String field, String supported) {
        if (!supported.equals(value)) {
            throw SchedulerError.validation(field + " " + value + " is not supported by the local scheduler: "
                    + "microdrop's wave timers always send " + supported + ".");
        }
    }

    private ScheduleTarget target(JsonNode target) {
        String arn = required(target, "Arn", "target.arn");
        String roleArn = required(target, "RoleArn", "target.roleArn");
        for (String unsupported : UNSUPPORTED_TARGET_PARAMETERS) {
            if (target.hasNonNull(unsupported)) {
                throw SchedulerError.validation(unsupported + " is not supported by the local scheduler.");
            }
        }
        Destination destination = Destination.parse(arn);
        if (destination == null) {
            throw SchedulerError.validation("The local scheduler delivers only to SQS queues (arn:aws:sqs:...) and "
                    + "Lambda functions (arn:aws:lambda:...:function:...), not " + arn + ".");
        }
        if (destination.kind() == Destination.Kind.SQS && !delivery.canDeliverToSqs()) {
            throw SchedulerError.validation("Target " + arn + ": this local scheduler was started without an SQS "
                    + "client.");
        }
        if (destination.fifo()) {
            throw SchedulerError.validation("Target " + arn + ": FIFO queues are not supported by the local "
                    + "scheduler.");
        }
        JsonNode retry = target.path("RetryPolicy");
        int retries = intInRange(retry, "MaximumRetryAttempts", DEFAULT_RETRY_ATTEMPTS, 0, 185);
        int maxAge = intInRange(retry, "MaximumEventAgeInSeconds", DEFAULT_EVENT_AGE_SECONDS, 60, 86_400);
        Destination deadLetter = null;
        String deadLetterArn = optional(target.path("DeadLetterConfig"), "Arn");
        if (deadLetterArn != null) {
            deadLetter = Destination.parse(deadLetterArn);
            if (deadLetter == null || deadLetter.kind() != Destination.Kind.SQS || deadLetter.fifo()) {
                throw SchedulerError.validation("DeadLetterConfig.Arn must name a standard SQS queue, not "
                        + deadLetterArn + ".");
            }
            if (!delivery.canDeliverToSqs()) {
                throw SchedulerError.validation("DeadLetterConfig: this local scheduler was started without an SQS "
                        + "client.");
            }
        }
        return new ScheduleTarget(destination, roleArn, optional(target, "Input"), retries, maxAge, deadLetter);
    }

    private ObjectNode scheduleJson(Schedule schedule) {
        ObjectNode json = JSON.createObjectNode()
                .put("Arn", schedule.arn())
                .put("Name", schedule.name())
                .put("GroupName", schedule.groupName())
                .put("ScheduleExpression", schedule.expression())
                .put("State", Schedule.ENABLED)
                .put("ActionAfterCompletion", Schedule.NONE);
        if (schedule.timezone() != null) {
            json.put("ScheduleExpressionTimezone", schedule.timezone());
        }
        json.put("CreationDate", timestamp(schedule.creationDate()));
        json.put("LastModificationDate", timestamp(schedule.lastModificationDate()));
        json.putObject("FlexibleTimeWindow").put("Mode", Schedule.OFF);
        ScheduleTarget target = schedule.target();
        ObjectNode targetJson = json.putObject("Target")
                .put("Arn", target.destination().arn())
                .put("RoleArn", target.roleArn());
        if (target.input() != null) {
            targetJson.put("Input", target.input());
        }
        targetJson.putObject("RetryPolicy")
                .put("MaximumRetryAttempts", target.maximumRetryAttempts())
                .put("MaximumEventAgeInSeconds", target.maximumEventAgeInSeconds());
        if (target.deadLetter() != null) {
            targetJson.putObject("DeadLetterConfig").put("Arn", target.deadLetter().arn());
        }
        return json;
    }

    /** ListSchedules' token is the offset of the next item. */
    private static int pageStart(String token, int size) {
        try {
            int from = token == null ? 0 : Integer.parseInt(token);
            if (from >= 0 && from <= size) {
                return from;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw SchedulerError.validation("The NextToken is not valid.");
    }

    private static int pageSize(String maxResults) {
        try {
            int size = maxResults == null ? 100 : Integer.parseInt(maxResults);
            if (size >= 1 && size <= 100) {
                return size;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw SchedulerError.validation("MaxResults must be between 1 and 100.");
    }

    private String groupName(String name) {
        if (name == null || name.isEmpty()) {
            return DEFAULT_GROUP;
        }
        checkName("groupName", name);
        return name;
    }

    private static void checkName(String field, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw SchedulerError.validation("1 validation error detected: Value '" + name + "' at '" + field
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "^[0-9a-zA-Z-_.]+$ and have length between 1 and 64");
        }
    }

    private String groupArn(String name) {
        return "arn:aws:scheduler:" + region + ":" + accountId + ":schedule-group/" + name;
    }

    private String scheduleArn(String group, String name) {
        return "arn:aws:scheduler:" + region + ":" + accountId + ":schedule/" + group + "/" + name;
    }

    private static String required(JsonNode request, String field, String path) {
        String value = optional(request, field);
        if (value == null || value.isEmpty()) {
            throw SchedulerError.validation("1 validation error detected: Value null at '" + path
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private static JsonNode requiredObject(JsonNode request, String field, String path) {
        JsonNode value = request.get(field);
        if (value == null || !value.isObject()) {
            throw SchedulerError.validation("1 validation error detected: Value null at '" + path
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private static String optional(JsonNode request, String field) {
        JsonNode value = request.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String optionalOr(JsonNode request, String field, String fallback) {
        String value = optional(request, field);
        return value == null ? fallback : value;
    }


    private static int intInRange(JsonNode node, String field, int fallback, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw SchedulerError.validation("RetryPolicy." + field + " must be between " + min + " and " + max
                    + ": " + value + ".");
        }
        return value.asInt();
    }

    private static BigDecimal timestamp(Instant instant) {
        return new BigDecimal(BigInteger.valueOf(instant.toEpochMilli()), 3);
    }

    private static List<String> segments(String rawPath) {
        return Arrays.stream(rawPath.split("/"))
                .filter(segment -> !segment.isEmpty())
                .map(LocalScheduler::decode)
                .toList();
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.put(key, value);
        }
        return query;
    }

    /** Percent-decoding only: in a path, and as the SDK encodes queries, '+' is a plus sign. */
    private static String decode(String encoded) {
        return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("Message", message);
    }

    private static void respond(HttpExchange exchange, int status, String errorType, ObjectNode body)
            throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
