package dev.microdrop.local.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microdrop.core.testing.MutableClock;
import dev.microdrop.infrastructure.aws.AwsClientFactory;
import dev.microdrop.infrastructure.sqs.LocalElasticMq;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.SchedulerException;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.ValidationException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The local scheduler driven by the real SDK {@code SchedulerClient}; SQS targets and dead-letter queues on
 * ElasticMQ. Every test makes its own scheduler (most on a clock the test moves), so nothing is shared but ElasticMQ.
 */
class LocalSchedulerIntegrationTest {

    private static final Instant START = Instant.parse("2026-11-22T08:00:00Z");
    private static final String ROLE = "arn:aws:iam::000000000000:role/scheduler";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:";
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private static SdkHttpClient http;
    private static SqsClient sqs;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private MutableClock clock;
    private LocalScheduler local;
    private SchedulerClient scheduler;

    @BeforeAll
    static void startElasticMq() {
        http = UrlConnectionHttpClient.create();
        sqs = LocalElasticMq.client();
    }

    @AfterAll
    static void closeHttp() {
        http.close();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    @Test
    void createSchedule_thenGetReturnsWhatWasSent() {
        onMovedClock(60);
        scheduler.createScheduleGroup(r -> r.name("drops"));

        String arn = scheduler.createSchedule(r -> r.name("wave-1").groupName("drops")
                .scheduleExpression("at(2026-11-22T10:00:00)").scheduleExpressionTimezone("Europe/Paris")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(FUNCTION + "waves").roleArn(ROLE).input("{\"wave\":1}")
                        .retryPolicy(p -> p.maximumRetryAttempts(10).maximumEventAgeInSeconds(3600))
                        .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:000000000000:waves-dlq")))
                .actionAfterCompletion(ActionAfterCompletion.NONE)).scheduleArn();
        GetScheduleResponse schedule = scheduler.getSchedule(r -> r.name("wave-1").groupName("drops"));

        assertThat(arn).isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule/drops/wave-1");
        assertThat(schedule.arn()).isEqualTo(arn);
        assertThat(schedule.name()).isEqualTo("wave-1");
        assertThat(schedule.groupName()).isEqualTo("drops");
        assertThat(schedule.scheduleExpression()).isEqualTo("at(2026-11-22T10:00:00)");
        assertThat(schedule.scheduleExpressionTimezone()).isEqualTo("Europe/Paris");
        assertThat(schedule.state()).isEqualTo(ScheduleState.ENABLED);
        assertThat(schedule.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.NONE);
        assertThat(schedule.flexibleTimeWindow().mode()).isEqualTo(FlexibleTimeWindowMode.OFF);
        assertThat(schedule.creationDate()).isEqualTo(START);
        assertThat(schedule.target().arn()).isEqualTo(FUNCTION + "waves");
        assertThat(schedule.target().roleArn()).isEqualTo(ROLE);
        assertThat(schedule.target().input()).isEqualTo("{\"wave\":1}");
        assertThat(schedule.target().retryPolicy().maximumRetryAttempts()).isEqualTo(10);
        assertThat(schedule.target().retryPolicy().maximumEventAgeInSeconds()).isEqualTo(3600);
        assertThat(schedule.target().deadLetterConfig().arn())
                .isEqualTo("arn:aws:sqs:us-east-1:000000000000:waves-dlq");
    }

    @Test
    void getSchedule_whenNoRetryPolicyWasSent_thenSchedulersDefaults() {
        onMovedClock(60);
        create("plain", "at(2026-11-22T10:00:00)", FUNCTION + "waves", null);

        GetScheduleResponse schedule = scheduler.getSchedule(r -> r.name("plain"));

        assertThat(schedule.groupName()).isEqualTo("default");
        assertThat(schedule.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.NONE);
        assertThat(schedule.target().retryPolicy().maximumRetryAttempts()).isEqualTo(185);
        assertThat(schedule.target().retryPolicy().maximumEventAgeInSeconds()).isEqualTo(86_400);
    }

    @Test
    void listSchedules_whenFilteredByGroupAndPrefix_thenThoseAcrossEveryPage() {
        onMovedClock(60);
        scheduler.createScheduleGroup(r -> r.name("drop-a"));
        scheduler.createScheduleGroup(r -> r.name("drop-b"));
        for (int wave = 1; wave <= 5; wave++) {
            int n = wave;
            scheduler.createSchedule(request("wave-" + n, "at(2026-11-22T1" + n + ":00:00)", FUNCTION + "waves")
                    .groupName("drop-a").build());
        }
        scheduler.createSchedule(request("other", "at(2026-11-22T10:00:00)", FUNCTION + "waves").groupName("drop-a")
                .build());
        scheduler.createSchedule(request("wave-1", "at(2026-11-22T10:00:00)", FUNCTION + "waves").groupName("drop-b")
                .build());

        List<ScheduleSummary> waves = scheduler.listSchedulesPaginator(r -> r.groupName("drop-a").namePrefix("wave")
                .maxResults(2)).schedules().stream().toList();

        assertThat(waves).extracting(ScheduleSummary::name)
                .containsExactly("wave-1", "wave-2", "wave-3", "wave-4", "wave-5");
        assertThat(waves).allSatisfy(summary -> {
            assertThat(summary.groupName()).isEqualTo("drop-a");
            assertThat(summary.state()).isEqualTo(ScheduleState.ENABLED);
            assertThat(summary.target().arn()).isEqualTo(FUNCTION + "waves");
        });
        assertThat(scheduler.listSchedules(r -> r.groupName("drop-b")).schedules()).extracting(ScheduleSummary::arn)
                .containsExactly("arn:aws:scheduler:us-east-1:000000000000:schedule/drop-b/wave-1");
    }

    @Test
    void deleteSchedule_thenGetIsResourceNotFound() {
        onMovedClock(60);
        create("gone", "at(2026-11-22T10:00:00)", FUNCTION + "waves", null);

        scheduler.deleteSchedule(r -> r.name("gone"));

        assertThatThrownBy(() -> scheduler.getSchedule(r -> r.name("gone")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> scheduler.deleteSchedule(r -> r.name("gone")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void createSchedule_whenNameIsTakenInTheGroup_thenConflictException() {
        onMovedClock(60);
        create("twice", "at(2026-11-22T10:00:00)", FUNCTION + "waves", null);

        assertThatThrownBy(() -> create("twice", "at(2026-11-22T11:00:00)", FUNCTION + "waves", null))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Schedule twice already exists.");
                });
    }

    @Test
    void createSchedule_whenRetriedWithTheSameClientToken_thenTheSameScheduleNotAConflict() {
        onMovedClock(60);
        CreateScheduleRequest request = request("retried", "at(2026-11-22T10:00:00)", FUNCTION + "waves")
                .clientToken(UUID.randomUUID().toString()).build();

        String first = scheduler.createSchedule(request).scheduleArn();
        String second = scheduler.createSchedule(request).scheduleArn();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void createScheduleGroup_whenNameIsTaken_thenConflictException() {
        onMovedClock(60);
        scheduler.createScheduleGroup(r -> r.name("drops"));

        assertThatThrownBy(() -> scheduler.createScheduleGroup(r -> r.name("drops")))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> scheduler.createScheduleGroup(r -> r.name("default")))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void getSchedule_whenMissing_thenResourceNotFoundException() {
        onMovedClock(60);

        assertThatThrownBy(() -> scheduler.getSchedule(r -> r.name("nothing")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Schedule nothing does not exist.");
                });
    }

    @Test
    void createSchedule_whenGroupDoesNotExist_thenResourceNotFoundException() {
        onMovedClock(60);

        assertThatThrownBy(() -> scheduler.createSchedule(request("orphan", "at(2026-11-22T10:00:00)",
                FUNCTION + "waves").groupName("no-such-group").build()))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Schedule group no-such-group does not exist.");
    }

    @Test
    void createSchedule_whenRateOrCron_thenValidationExceptionSayingOnlyOneTimeSchedules() {
        onMovedClock(60);

        for (String recurring : List.of("rate(5 minutes)", "cron(0 12 * * ? *)")) {
            assertThatThrownBy(() -> create("recurring", recurring, FUNCTION + "waves", null))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage())
                                .contains("not supported by the local scheduler").contains("at(yyyy-mm-ddThh:mm:ss)");
                    });
        }
    }

    @Test
    void createSchedule_whenExpressionOrTimezoneIsMalformed_thenValidationException() {
        onMovedClock(60);

        assertThatThrownBy(() -> create("bad", "at(2026-11-22 10:00)", FUNCTION + "waves", null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Invalid Schedule Expression at(2026-11-22 10:00).");
        assertThatThrownBy(() -> create("bad", "at(2026-02-30T10:00:00)", FUNCTION + "waves", null))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> create("bad", "at(2026-11-22T10:00:00)", FUNCTION + "waves", "Mars/Olympus"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Invalid ScheduleExpressionTimezone Mars/Olympus.");
    }

    @Test
    void createSchedule_whenTargetIsNeitherQueueNorFunction_thenValidationException() {
        onMovedClock(60);

        assertThatThrownBy(() -> create("sns", "at(2026-11-22T10:00:00)", "arn:aws:sns:us-east-1:000000000000:t",
                null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("only to SQS queues");
    }

    @Test
    void createSchedule_whenRequiredPartsAreMissing_thenValidationException() {
        onMovedClock(60);

        assertThatThrownBy(() -> scheduler.createSchedule(r -> r.name("no-window")
                .scheduleExpression("at(2026-11-22T10:00:00)").target(t -> t.arn(FUNCTION + "waves").roleArn(ROLE))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("flexibleTimeWindow");
        assertThatThrownBy(() -> scheduler.createSchedule(r -> r.name("no-role")
                .scheduleExpression("at(2026-11-22T10:00:00)")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(FUNCTION + "waves"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("target.roleArn");
    }

    @Test
    void anOperationTheProductDoesNotCall_thenUnknownOperationException() {
        onMovedClock(60);

        assertThatThrownBy(() -> scheduler.getScheduleGroup(r -> r.name("default")))
                .isInstanceOfSatisfying(SchedulerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("GET /schedule-groups/default");
                });
        assertThatThrownBy(() -> scheduler.deleteScheduleGroup(r -> r.name("default")))
                .isInstanceOfSatisfying(SchedulerException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException"));
    }

    @Test
    void schedule_whenAnHourAwayAtScale3600_thenTheLambdaGetsItsInputAboutASecondLater() throws Exception {
        local = open(new LocalScheduler(Clock.systemUTC(), 3600, null).start(0));
        scheduler = client(local);
        List<Instant> firedAt = new CopyOnWriteArrayList<>();
        List<String> inputs = new CopyOnWriteArrayList<>();
        local.onLambda("waves", input -> {
            firedAt.add(local.simulatedNow());
            inputs.add(input);
        });
        Instant due = local.simulatedNow().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        long startedNanos = System.nanoTime();

        create("wave-1", at(due), FUNCTION + "waves", null, "{\"dropId\":\"neon-runners\",\"wave\":1}");
        while (inputs.isEmpty() && System.nanoTime() - startedNanos < Duration.ofSeconds(5).toNanos()) {
            Thread.sleep(10);
        }
        Duration realWait = Duration.ofNanos(System.nanoTime() - startedNanos);

        assertThat(inputs).containsExactly("{\"dropId\":\"neon-runners\",\"wave\":1}");
        assertThat(firedAt.getFirst()).isAfterOrEqualTo(due).isBefore(due.plus(Duration.ofMinutes(30)));
        assertThat(realWait).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
    }

    @Test
    void schedule_whenTheScaledClockReachesItsTime_thenItFiresAndNotBefore() throws Exception {
        onMovedClock(60);
        List<String> inputs = lambda("waves");
        // Ten simulated minutes away: ten real seconds at 60x.
        create("wave-1", "at(2026-11-22T08:10:00)", FUNCTION + "waves", null, "{\"wave\":1}");

        clock.advance(Duration.ofMillis(9_990));
        local.fireDue();
        assertThat(local.simulatedNow()).isEqualTo(Instant.parse("2026-11-22T08:09:59.400Z"));
        assertThat(inputs).isEmpty();

        clock.advance(Duration.ofMillis(10));
        local.fireDue();
        assertThat(inputs).containsExactly("{\"wave\":1}");
    }

    @Test
    void schedule_whenATimezoneIsGiven_thenItFiresAtThatZonesLocalTime() throws Exception {
        onMovedClock(60);
        List<String> inputs = lambda("waves");
        // 10:00 in Paris in November is 09:00 UTC: an hour after the clock's start, a minute at 60x.
        create("paris", "at(2026-11-22T10:00:00)", FUNCTION + "waves", "Europe/Paris", "{\"zone\":\"paris\"}");

        clock.advance(Duration.ofSeconds(59));
        local.fireDue();
        assertThat(inputs).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        local.fireDue();
        assertThat(inputs).containsExactly("{\"zone\":\"paris\"}");
    }

    @Test
    void schedule_whenTheTargetKeepsFailing_thenRetriedMaximumRetryAttemptsTimesThenDeadLettered() throws Exception {
        onMovedClock(60);
        AtomicInteger calls = new AtomicInteger();
        local.onLambda("broken", input -> {
            calls.incrementAndGet();
            throw new IllegalStateException("broken on purpose");
        });
        String dlqUrl = sqs.createQueue(r -> r.queueName("scheduler-dlq-" + UUID.randomUUID())).queueUrl();
        String dlqArn = LocalElasticMq.arn(dlqUrl);
        String arn = scheduler.createSchedule(request("wave-2", "at(2026-11-22T08:00:00)", FUNCTION + "broken")
                .target(Target.builder().arn(FUNCTION + "broken").roleArn(ROLE).input("{\"wave\":2}")
                        .retryPolicy(p -> p.maximumRetryAttempts(2).maximumEventAgeInSeconds(3600))
                        .deadLetterConfig(d -> d.arn(dlqArn)).build()).build()).scheduleArn();

        local.fireDue();

        assertThat(calls).hasValue(3);
        List<Message> deadLetters = receiveAll(dlqUrl);
        assertThat(deadLetters).singleElement().satisfies(message -> {
            assertThat(message.body()).isEqualTo("{\"wave\":2}");
            Map<String, MessageAttributeValue> attributes = message.messageAttributes();
            assertThat(attributes.get("SCHEDULE_ARN").stringValue()).isEqualTo(arn);
            assertThat(attributes.get("TARGET_ARN").stringValue()).isEqualTo(FUNCTION + "broken");
            assertThat(attributes.get("RETRY_ATTEMPTS").stringValue()).isEqualTo("2");
            assertThat(attributes.get("ERROR_MESSAGE").stringValue()).isEqualTo("broken on purpose");
            assertThat(attributes.get("EXECUTION_ID").stringValue()).isNotBlank();
        });
    }

    @Test
    void schedule_whenTheTargetFailsOnceThenRecovers_thenDeliveredOnTheRetryAndNotDeadLettered() throws Exception {
        onMovedClock(60);
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        local.onLambda("flaky", input -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("cold start");
            }
            received.add(input);
        });
        String dlqUrl = sqs.createQueue(r -> r.queueName("scheduler-dlq-" + UUID.randomUUID())).queueUrl();
        String dlqArn = LocalElasticMq.arn(dlqUrl);
        scheduler.createSchedule(request("flaky", "at(2026-11-22T08:00:00)", FUNCTION + "flaky")
                .target(Target.builder().arn(FUNCTION + "flaky").roleArn(ROLE).input("{}")
                        .retryPolicy(p -> p.maximumRetryAttempts(5)).deadLetterConfig(d -> d.arn(dlqArn)).build())
                .build());

        local.fireDue();

        assertThat(calls).hasValue(2);
        assertThat(received).containsExactly("{}");
        assertThat(receiveAll(dlqUrl)).isEmpty();
    }

    @Test
    void schedule_whenTheTargetIsAQueue_thenItsInputArrivesOnTheQueue() throws Exception {
        onMovedClock(60);
        String queueUrl = sqs.createQueue(r -> r.queueName("scheduler-target-" + UUID.randomUUID())).queueUrl();

        create("to-queue", "at(2026-11-22T08:00:00)", LocalElasticMq.arn(queueUrl), null, "{\"wave\":3}");
        local.fireDue();

        assertThat(receiveAll(queueUrl)).extracting(Message::body).containsExactly("{\"wave\":3}");
    }

    @Test
    void whatTheProductNeverSends_isRefused_notStoredAndIgnored() {
        onMovedClock(60);
        List.<java.util.function.Consumer<CreateScheduleRequest.Builder>>of(
                        b -> b.actionAfterCompletion(ActionAfterCompletion.DELETE),
                        b -> b.state(ScheduleState.DISABLED),
                        b -> b.flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.FLEXIBLE).maximumWindowInMinutes(5)),
                        b -> b.description("a note"))
                .forEach(change -> {
                    var request = request("unsupported", "at(2026-11-22T08:00:00)", FUNCTION + "waves");
                    change.accept(request);
                    assertThatThrownBy(() -> scheduler.createSchedule(request.build()))
                            .isInstanceOf(software.amazon.awssdk.services.scheduler.model.ValidationException.class)
                            .hasMessageContaining("not supported by the local scheduler");
                });
        assertThatThrownBy(() -> scheduler.getSchedule(r -> r.name("unsupported")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void schedule_whenActionAfterCompletionIsNone_thenKeptAndNeverFiredTwice() throws Exception {
        onMovedClock(60);
        List<String> inputs = lambda("waves");
        create("kept", "at(2026-11-22T08:00:00)", FUNCTION + "waves", null);

        local.fireDue();
        clock.advance(Duration.ofMinutes(5));
        local.fireDue();

        assertThat(inputs).hasSize(1);
        assertThat(scheduler.getSchedule(r -> r.name("kept")).state()).isEqualTo(ScheduleState.ENABLED);
    }

    @Test
    void updateSchedule_whenTheTimeMoves_thenItFiresAtTheNewTimeOnly() throws Exception {
        onMovedClock(60);
        List<String> inputs = lambda("waves");
        create("moved", "at(2026-11-22T08:10:00)", FUNCTION + "waves", null, "{\"v\":1}");
        clock.advance(Duration.ofSeconds(1));

        scheduler.updateSchedule(r -> r.name("moved").scheduleExpression("at(2026-11-22T08:20:00)")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(FUNCTION + "waves").roleArn(ROLE).input("{\"v\":2}")));
        clock.advance(Duration.ofSeconds(9));
        local.fireDue();
        assertThat(inputs).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        local.fireDue();

        assertThat(inputs).containsExactly("{\"v\":2}");
        GetScheduleResponse updated = scheduler.getSchedule(r -> r.name("moved"));
        assertThat(updated.creationDate()).isEqualTo(START);
        assertThat(updated.lastModificationDate()).isEqualTo(START.plus(Duration.ofMinutes(1)));
    }

    @Test
    void updateSchedule_whenMissing_thenResourceNotFoundException() {
        onMovedClock(60);

        assertThatThrownBy(() -> scheduler.updateSchedule(r -> r.name("missing")
                .scheduleExpression("at(2026-11-22T08:20:00)")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(FUNCTION + "waves").roleArn(ROLE))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void factoryClient_whenPointedByTheStandardEndpointSetting_thenReachesTheLocalScheduler() {
        onMovedClock(60);
        Map<String, String> saved = new HashMap<>();
        Map<String, String> settings = Map.of("aws.endpointUrlScheduler", local.endpoint().toString(),
                "aws.accessKeyId", "x", "aws.secretAccessKey", "x");
        settings.keySet().forEach(key -> saved.put(key, System.getProperty(key)));
        settings.forEach(System::setProperty);
        try (AwsClientFactory factory = new AwsClientFactory(Region.US_EAST_1);
             SchedulerClient client = factory.client(SchedulerClient.builder())) {
            assertThat(client.listSchedules(r -> r.groupName("default")).schedules()).isEmpty();
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

    /** A scheduler on a clock the test moves, started at {@link #START}, with SQS on ElasticMQ. */
    private void onMovedClock(double timeScale) {
        clock = new MutableClock(START);
        try {
            local = open(new LocalScheduler(clock, timeScale, sqs).start(0));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        scheduler = client(local);
    }

    private SchedulerClient client(LocalScheduler target) {
        return open(SchedulerClient.builder()
                .endpointOverride(target.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(http)
                .build());
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private List<String> lambda(String functionName) {
        List<String> inputs = new CopyOnWriteArrayList<>();
        Consumer<String> consumer = inputs::add;
        local.onLambda(functionName, consumer);
        return inputs;
    }

    private void create(String name, String expression, String targetArn, String timezone) {
        create(name, expression, targetArn, timezone, "{}");
    }

    private void create(String name, String expression, String targetArn, String timezone, String input) {
        scheduler.createSchedule(request(name, expression, targetArn).scheduleExpressionTimezone(timezone)
                .target(Target.builder().arn(targetArn).roleArn(ROLE).input(input).build()).build());
    }

    private static CreateScheduleRequest.Builder request(String name, String expression, String targetArn) {
        return CreateScheduleRequest.builder()
                .name(name)
                .scheduleExpression(expression)
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(targetArn).roleArn(ROLE).input("{}"));
    }

    private static String at(Instant instant) {
        return "at(" + AT.format(instant) + ")";
    }

    private static List<Message> receiveAll(String queueUrl) {
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .visibilityTimeout(60).messageAttributeNames("All")).messages();
            all.addAll(batch);
        } while (!batch.isEmpty());
        return all;
    }
}
