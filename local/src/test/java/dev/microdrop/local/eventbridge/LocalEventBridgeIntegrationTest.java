package dev.microdrop.local.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.infrastructure.aws.AwsClientFactory;
import dev.microdrop.infrastructure.events.EventBridgePublisher;
import dev.microdrop.infrastructure.events.EventPublishException;
import dev.microdrop.infrastructure.events.OutboxEvent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local bus driven by the real SDK clients: EventBridge against {@link LocalEventBridge}, SQS against ElasticMQ.
 * Every test makes its own bus and queue, so tests share the servers and nothing else.
 */
class LocalEventBridgeIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RULES = Path.of("..", "events", "rules");

    private static SQSRestServer elasticMq;
    private static SdkHttpClient http;
    private static SqsClient sqs;
    private static LocalEventBridge bus;
    private static EventBridgeClient eventBridge;
    private static final AtomicInteger names = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        elasticMq = SQSRestServerBuilder.withPort(0).withInterface("127.0.0.1").start();
        int sqsPort = elasticMq.waitUntilStarted().localAddress().getPort();
        http = UrlConnectionHttpClient.create();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"));
        sqs = SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + sqsPort))
                .region(Region.of("elasticmq"))
                .credentialsProvider(credentials)
                .httpClient(http)
                .build();
        bus = new LocalEventBridge(sqs).start(0);
        eventBridge = eventBridge(List.of());
    }

    @AfterAll
    static void stop() {
        eventBridge.close();
        bus.close();
        sqs.close();
        http.close();
        elasticMq.stopAndWait();
    }

    @Test
    void putEvents_whenPatternMatches_thenTheQueueReceivesTheEnvelope() throws Exception {
        String busName = newBus();
        String queueArn = newQueue();
        rule(busName, "paid", "{\"source\":[\"microdrop\"],\"detail-type\":[\"OrderPaid\"]}", queueArn);
        Instant time = Instant.parse("2026-11-22T10:15:30Z");

        PutEventsResponse response = eventBridge.putEvents(r -> r.entries(PutEventsRequestEntry.builder()
                .eventBusName(busName).source("microdrop").detailType("OrderPaid")
                .detail("{\"eventId\":\"evt-1\",\"orderId\":\"o-1\"}").time(time).resources("arn:aws:x:::drop/d-1")
                .build()));

        assertThat(response.failedEntryCount()).isZero();
        List<JsonNode> received = receive(queueArn);
        assertThat(received).hasSize(1);
        JsonNode envelope = received.getFirst();
        assertThat(envelope.get("version").asText()).isEqualTo("0");
        assertThat(envelope.get("id").asText()).isEqualTo(response.entries().getFirst().eventId());
        assertThat(envelope.get("detail-type").asText()).isEqualTo("OrderPaid");
        assertThat(envelope.get("source").asText()).isEqualTo("microdrop");
        assertThat(envelope.get("account").asText()).isEqualTo(LocalEventBridge.DEFAULT_ACCOUNT);
        assertThat(envelope.get("region").asText()).isEqualTo("us-east-1");
        assertThat(envelope.get("time").asText()).isEqualTo("2026-11-22T10:15:30Z");
        assertThat(envelope.get("resources")).isEqualTo(JSON.readTree("[\"arn:aws:x:::drop/d-1\"]"));
        assertThat(envelope.get("detail")).isEqualTo(JSON.readTree("{\"eventId\":\"evt-1\",\"orderId\":\"o-1\"}"));
    }

    @Test
    void putEvents_whenPatternDoesNotMatch_thenNothingIsDelivered() throws Exception {
        String busName = newBus();
        String queueArn = newQueue();
        rule(busName, "big-orders", "{\"detail\":{\"amount\":[{\"numeric\":[\">=\",1000]}]}}", queueArn);

        putEvent(busName, "OrderPaid", "{\"amount\":999}");
        putEvent(busName, "OrderPaid", "{\"amount\":\"1000\"}");

        assertThat(receive(queueArn)).isEmpty();
        putEvent(busName, "OrderPaid", "{\"amount\":1000}");
        assertThat(receive(queueArn)).hasSize(1);
    }

    @Test
    void rule_whenPatternIsInvalid_thenRefused() {
        String busName = newBus();

        assertThatThrownBy(() -> bus.rule(busName, "bad", "{\"source\":\"microdrop\"}", newQueue()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event pattern is not valid")
                .hasMessageContaining("source");
        assertThatThrownBy(() -> bus.rule(busName, "bad", "{not json", newQueue()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bus.rule("no-such-bus", "r", "{\"source\":[\"microdrop\"]}", newQueue()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Event bus no-such-bus does not exist");
    }

    @Test
    void anyOperationButPutEvents_thenUnknownOperationExceptionAsEventBridgeAnswersIt() {
        assertThatThrownBy(() -> eventBridge.putRule(r -> r.name("r").eventPattern("{\"source\":[\"microdrop\"]}")))
                .isInstanceOfSatisfying(EventBridgeException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("PutEvents only, not PutRule");
                });
        assertThatThrownBy(() -> eventBridge.describeEventBus(r -> r.name(LocalEventBridge.DEFAULT_BUS)))
                .isInstanceOfSatisfying(EventBridgeException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException"));
    }

    @Test
    void putEvents_whenEntriesAreInvalid_thenEachIsRefusedAsEventBridgeDoes() {
        PutEventsResponse response = eventBridge.putEvents(r -> r.entries(
                PutEventsRequestEntry.builder().source("microdrop").detailType("OrderPaid").detail("{}").build(),
                PutEventsRequestEntry.builder().detailType("OrderPaid").detail("{}").build(),
                PutEventsRequestEntry.builder().source("microdrop").detail("{}").build(),
                PutEventsRequestEntry.builder().source("microdrop").detailType("OrderPaid").build(),
                PutEventsRequestEntry.builder().source("microdrop").detailType("OrderPaid").detail("[1]").build(),
                PutEventsRequestEntry.builder().source("aws.s3").detailType("OrderPaid").detail("{}").build()));

        assertThat(response.failedEntryCount()).isEqualTo(5);
        assertThat(response.entries().getFirst().eventId()).isNotBlank();
        assertThat(response.entries()).extracting(e -> e.errorCode()).containsExactly(null, "InvalidArgument",
                "InvalidArgument", "InvalidArgument", "MalformedDetail", "NotAuthorizedForSourceException");
    }

    @Test
    void putEvents_whenMoreThanTenEntries_thenValidationException() {
        List<PutEventsRequestEntry> entries = IntStream.range(0, 11).mapToObj(i -> PutEventsRequestEntry.builder()
                .source("microdrop").detailType("OrderPaid").detail("{}").build()).toList();

        assertThatThrownBy(() -> eventBridge.putEvents(r -> r.entries(entries)))
                .isInstanceOfSatisfying(EventBridgeException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    void putEvents_whenALambdaTargetMatches_thenItsHandlerGetsTheEnvelope() throws Exception {
        String busName = newBus();
        List<String> received = new CopyOnWriteArrayList<>();
        bus.onLambda(busName + "-fn", received::add);
        bus.rule(busName, "to-lambda", "{\"source\":[\"microdrop\"]}",
                "arn:aws:lambda:us-east-1:000000000000:function:" + busName + "-fn:live");

        putEvent(busName, "SoldOut", "{\"sku\":\"tee-m\"}");

        assertThat(bus.awaitDeliveries(Duration.ofSeconds(5))).isTrue();
        assertThat(received).singleElement().satisfies(json -> {
            assertThat(JSON.readTree(json).get("detail-type").asText()).isEqualTo("SoldOut");
            assertThat(JSON.readTree(json).get("detail")).isEqualTo(JSON.readTree("{\"sku\":\"tee-m\"}"));
        });
    }

    @Test
    void putEvents_whenALambdaHandlerKeepsFailing_thenDeliveryGivesUpAfterRetries() throws Exception {
        String busName = newBus();
        AtomicInteger calls = new AtomicInteger();
        bus.onLambda(busName + "-broken", payload -> {
            calls.incrementAndGet();
            throw new IllegalStateException("broken on purpose");
        });
        bus.rule(busName, "to-broken", "{\"source\":[\"microdrop\"]}",
                "arn:aws:lambda:us-east-1:000000000000:function:" + busName + "-broken");

        putEvent(busName, "SoldOut", "{}");

        assertThat(bus.awaitDeliveries(Duration.ofSeconds(5))).isTrue();
        assertThat(calls).hasValue(3);
    }

    @Test
    void rule_whenTargetIsNeitherQueueNorFunction_thenRefused() {
        String busName = newBus();

        assertThatThrownBy(() -> bus.rule(busName, "r", "{\"source\":[\"microdrop\"]}",
                "arn:aws:sns:us-east-1:000000000000:topic"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only to standard SQS queues");
    }

    @Test
    void ruleFiles_whenInstalled_thenFulfilmentReceivesPaidOrdersOnly() throws Exception {
        String busName = newBus();
        String queueArn = newQueue();
        String waitlistArn = newQueue();
        List<EventRuleFile> rules = EventRuleFiles.read(RULES);

        EventRuleFiles.install(bus, busName, rules, Map.of("fulfilment-queue", queueArn,
                "waitlist-queue", waitlistArn, "notifications-queue", newQueue()));
        putEvent(busName, "OrderHeld", "{\"eventId\":\"evt-held\"}");
        putEvent(busName, "OrderPaid", "{\"eventId\":\"evt-paid\"}");
        putEvent(busName, "OrderExpired", "{\"eventId\":\"evt-expired\"}");

        assertThat(rules).extracting(EventRuleFile::name).contains("fulfilment-paid-orders");
        assertThat(receive(queueArn)).extracting(e -> e.at("/detail/eventId").asText()).containsExactly("evt-paid");
        assertThat(receive(waitlistArn)).extracting(e -> e.at("/detail/eventId").asText()).containsExactly("evt-expired");
    }

    @Test
    void ruleFiles_whenATargetHasNoArn_thenNothingIsInstalled() throws Exception {
        String busName = newBus();
        String queueArn = newQueue();
        List<EventRuleFile> rules = EventRuleFiles.read(RULES);

        assertThatThrownBy(() -> EventRuleFiles.install(bus, busName, rules, Map.of("fulfilment-queue", queueArn,
                "notifications-queue", newQueue())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no ARN for target waitlist-queue");
        putEvent(busName, "OrderPaid", "{\"eventId\":\"evt-paid\"}");
        assertThat(receive(queueArn)).isEmpty();
    }

    @Test
    void publisher_when25Events_thenThreeCallsAndAllArrive() throws Exception {
        String busName = newBus();
        String queueArn = newQueue();
        rule(busName, "all", "{\"source\":[\"microdrop\"]}", queueArn);
        Map<String, Integer> calls = new HashMap<>();
        List<OutboxEvent> events = IntStream.range(0, 25).mapToObj(i -> event("evt-" + i)).toList();

        try (EventBridgeClient counted = eventBridge(List.of(counting(calls)))) {
            new EventBridgePublisher(counted, busName).publish(events);
        }

        assertThat(calls).containsExactly(Map.entry("PutEvents", 3));
        assertThat(receive(queueArn)).extracting(e -> e.at("/detail/eventId").asText())
                .containsExactlyInAnyOrderElementsOf(events.stream().map(OutboxEvent::eventId).toList());
    }

    @Test
    void publisher_whenAnEntryIsMalformed_thenItIsReportedByIdAndTheRestArrive() throws Exception {
        String busName = newBus();
        String queueArn = newQueue();
        rule(busName, "all", "{\"source\":[\"microdrop\"]}", queueArn);
        OutboxEvent malformed = new OutboxEvent("evt-bad", "OrderPaid", "{\"eventId\":\"evt-bad\",", Instant.now());

        assertThatThrownBy(() -> new EventBridgePublisher(eventBridge, busName)
                .publish(List.of(event("evt-a"), malformed, event("evt-b"))))
                .isInstanceOfSatisfying(EventPublishException.class, e -> {
                    assertThat(e.failedEventIds()).containsExactly("evt-bad");
                    assertThat(e.getMessage()).contains("evt-bad (MalformedDetail: Detail is malformed.)");
                });
        assertThat(receive(queueArn)).extracting(e -> e.at("/detail/eventId").asText())
                .containsExactlyInAnyOrder("evt-a", "evt-b");
    }

    @Test
    void factoryClient_whenPointedByTheStandardEndpointSetting_thenReachesTheLocalBus() {
        Map<String, String> saved = new HashMap<>();
        Map<String, String> settings = Map.of("aws.endpointUrlEventBridge", bus.endpoint().toString(),
                "aws.accessKeyId", "x", "aws.secretAccessKey", "x");
        settings.keySet().forEach(key -> saved.put(key, System.getProperty(key)));
        settings.forEach(System::setProperty);
        try (AwsClientFactory factory = new AwsClientFactory(Region.US_EAST_1);
             EventBridgeClient client = factory.client(EventBridgeClient.builder())) {
            assertThat(client.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source("microdrop")
                    .detailType("OrderPaid").detail("{}").build())).failedEntryCount()).isZero();
        } finally {
            saved.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    private static OutboxEvent event(String eventId) {
        return new OutboxEvent(eventId, "OrderPaid", "{\"eventId\":\"" + eventId + "\"}",
                Instant.parse("2026-11-22T10:00:00Z"));
    }

    private static String newBus() {
        String name = "bus-" + names.incrementAndGet();
        bus.createEventBus(name);
        return name;
    }

    private static String newQueue() {
        String name = "queue-" + names.incrementAndGet();
        String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static void rule(String busName, String ruleName, String pattern, String queueArn) {
        bus.rule(busName, ruleName, pattern, queueArn);
    }

    private static void putEvent(String busName, String detailType, String detail) {
        PutEventsResponse response = eventBridge.putEvents(r -> r.entries(PutEventsRequestEntry.builder()
                .eventBusName(busName).source("microdrop").detailType(detailType).detail(detail).build()));
        assertThat(response.failedEntryCount()).isZero();
    }

    /** Every message on the queue once the bus has finished delivering: no polling for stragglers needed. */
    private static List<JsonNode> receive(String queueArn) throws Exception {
        assertThat(bus.awaitDeliveries(Duration.ofSeconds(5))).isTrue();
        String url = queueUrl(queueArn);
        List<JsonNode> received = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            received.addAll(parse(url, batch));
        } while (!batch.isEmpty());
        return received;
    }

    private static List<JsonNode> parse(String url, List<Message> messages) throws Exception {
        List<JsonNode> parsed = new ArrayList<>();
        for (Message message : messages) {
            parsed.add(JSON.readTree(message.body()));
            sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
        }
        return parsed;
    }

    private static String queueUrl(String queueArn) {
        String name = queueArn.substring(queueArn.lastIndexOf(':') + 1);
        return sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
    }

    private static EventBridgeClient eventBridge(List<ExecutionInterceptor> interceptors) {
        return EventBridgeClient.builder()
                .endpointOverride(bus.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(http)
                .overrideConfiguration(c -> interceptors.forEach(c::addExecutionInterceptor))
                .build();
    }

    /** Counts operations as the SDK completes them, retries of a call included once. */
    private static ExecutionInterceptor counting(Map<String, Integer> calls) {
        return new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                synchronized (calls) {
                    calls.merge(operation, 1, Integer::sum);
                }
            }
        };
    }
}
