package dev.microdrop.local.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microdrop.core.testing.MutableClock;
import dev.microdrop.infrastructure.scheduler.SchedulerWaveSchedules;
import dev.microdrop.infrastructure.scheduler.WaveTime;
import dev.microdrop.infrastructure.sqs.LocalElasticMq;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link SchedulerWaveSchedules} on the real SDK client against the local scheduler, on a clock the test moves. */
class SchedulerWaveSchedulesIntegrationTest {

    private static final Instant START = Instant.parse("2026-11-22T08:00:00Z");
    private static final String WAVES = "arn:aws:lambda:us-east-1:000000000000:function:waves";
    private static final String ROLE = "arn:aws:iam::000000000000:role/scheduler-waves";
    private static final List<WaveTime> THREE_WAVES = List.of(
            new WaveTime(1, Instant.parse("2026-11-22T09:00:00Z")),
            new WaveTime(2, Instant.parse("2026-11-22T10:00:00Z")),
            new WaveTime(3, Instant.parse("2026-11-22T11:30:00Z")));

    private final Map<String, Integer> calls = new TreeMap<>();
    private final List<String> fired = new CopyOnWriteArrayList<>();
    private MutableClock clock;
    private LocalScheduler local;
    private SdkHttpClient http;
    private SchedulerClient scheduler;
    private SchedulerWaveSchedules schedules;
    private String dlqArn;

    @BeforeEach
    void start() throws Exception {
        clock = new MutableClock(START);
        SqsClient sqs = LocalElasticMq.client();
        local = new LocalScheduler(clock, 60, sqs).start(0).onLambda("waves", fired::add);
        http = UrlConnectionHttpClient.create();
        scheduler = SchedulerClient.builder()
                .endpointOverride(local.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(http)
                .overrideConfiguration(c -> c.addExecutionInterceptor(counting(calls)))
                .build();
        schedules = new SchedulerWaveSchedules(scheduler);
        dlqArn = LocalElasticMq.arn(sqs.createQueue(r -> r.queueName("waves-dlq-" + UUID.randomUUID())).queueUrl());
    }

    @AfterEach
    void stop() {
        scheduler.close();
        http.close();
        local.close();
    }

    @Test
    void scheduleWaves_createsTheDropsGroupAndOneOneTimeSchedulePerWave() {
        schedules.scheduleWaves("neon-runners", THREE_WAVES, WAVES, ROLE, dlqArn);

        assertThat(names("microdrop-neon-runners")).containsExactly("wave-1", "wave-2", "wave-3");
        GetScheduleResponse wave3 = get("neon-runners", 3);
        assertThat(wave3.scheduleExpression()).isEqualTo("at(2026-11-22T11:30:00)");
        assertThat(wave3.scheduleExpressionTimezone()).isEqualTo("UTC");
        assertThat(wave3.flexibleTimeWindow().mode()).isEqualTo(FlexibleTimeWindowMode.OFF);
        assertThat(wave3.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.NONE);
        assertThat(wave3.state()).isEqualTo(ScheduleState.ENABLED);
        assertThat(wave3.target().arn()).isEqualTo(WAVES);
        assertThat(wave3.target().roleArn()).isEqualTo(ROLE);
        assertThat(wave3.target().input()).isEqualTo("{\"dropId\":\"neon-runners\",\"wave\":3}");
        assertThat(wave3.target().retryPolicy().maximumRetryAttempts()).isEqualTo(10);
        assertThat(wave3.target().retryPolicy().maximumEventAgeInSeconds()).isEqualTo(3600);
        assertThat(wave3.target().deadLetterConfig().arn()).isEqualTo(dlqArn);
    }

    @Test
    void scheduleWaves_whenCalledAgainWithTheSameWaves_thenNothingIsWritten() {
        schedules.scheduleWaves("neon-runners", THREE_WAVES, WAVES, ROLE, dlqArn);
        Instant modified = get("neon-runners", 2).lastModificationDate();
        clock.advance(Duration.ofSeconds(5));
        calls.clear();

        schedules.scheduleWaves("neon-runners", THREE_WAVES, WAVES, ROLE, dlqArn);

        assertThat(calls).doesNotContainKeys("UpdateSchedule", "DeleteSchedule");
        assertThat(calls).containsEntry("CreateSchedule", 3).containsEntry("GetSchedule", 3);
        assertThat(get("neon-runners", 2).lastModificationDate()).isEqualTo(modified);
        assertThat(names("microdrop-neon-runners")).containsExactly("wave-1", "wave-2", "wave-3");
    }

    @Test
    void scheduleWaves_whenAWaveMovesAndOneIsDropped_thenOnlyThatOneIsUpdatedAndTheDroppedOneDeleted() {
        schedules.scheduleWaves("neon-runners", THREE_WAVES, WAVES, ROLE, dlqArn);
        Instant wave1Modified = get("neon-runners", 1).lastModificationDate();
        clock.advance(Duration.ofSeconds(5));
        calls.clear();

        schedules.scheduleWaves("neon-runners", List.of(THREE_WAVES.get(0),
                new WaveTime(2, Instant.parse("2026-11-22T10:45:00Z"))), WAVES, ROLE, dlqArn);

        assertThat(calls).containsEntry("UpdateSchedule", 1).containsEntry("DeleteSchedule", 1);
        assertThat(names("microdrop-neon-runners")).containsExactly("wave-1", "wave-2");
        assertThat(get("neon-runners", 2).scheduleExpression()).isEqualTo("at(2026-11-22T10:45:00)");
        assertThat(get("neon-runners", 1).lastModificationDate()).isEqualTo(wave1Modified);
    }

    @Test
    void scheduleWaves_thenEachWaveInvokesTheWaveFunctionAtItsTimeAndOnlyOnce() throws Exception {
        schedules.scheduleWaves("neon-runners", THREE_WAVES, WAVES, ROLE, dlqArn);

        // At 60x the first wave, an hour away, comes due after a minute of real time.
        clock.advance(Duration.ofSeconds(59));
        local.fireDue();
        assertThat(fired).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        local.fireDue();
        assertThat(fired).containsExactly("{\"dropId\":\"neon-runners\",\"wave\":1}");

        // Scheduling the drop again (a redeploy, a retried request) must not fire a wave that already fired.
        schedules.scheduleWaves("neon-runners", THREE_WAVES, WAVES, ROLE, dlqArn);
        clock.advance(Duration.ofMinutes(3));
        local.fireDue();

        assertThat(fired).containsExactly("{\"dropId\":\"neon-runners\",\"wave\":1}",
                "{\"dropId\":\"neon-runners\",\"wave\":2}", "{\"dropId\":\"neon-runners\",\"wave\":3}");
    }

    @Test
    void scheduleWaves_whenTwoDropsAreScheduled_thenEachHasItsOwnGroup() {
        schedules.scheduleWaves("neon-runners", THREE_WAVES, WAVES, ROLE, dlqArn);
        schedules.scheduleWaves("velvet-caps", THREE_WAVES.subList(0, 1), WAVES, ROLE, null);

        assertThat(names("microdrop-velvet-caps")).containsExactly("wave-1");
        assertThat(get("velvet-caps", 1).target().input()).isEqualTo("{\"dropId\":\"velvet-caps\",\"wave\":1}");
        assertThat(get("velvet-caps", 1).target().deadLetterConfig()).isNull();
        assertThat(names("microdrop-neon-runners")).hasSize(3);
    }

    @Test
    void cancel_deletesTheDropsWaveSchedulesAndNothingFires() throws Exception {
        schedules.scheduleWaves("neon-runners", THREE_WAVES, WAVES, ROLE, dlqArn);

        schedules.cancel("neon-runners");
        clock.advance(Duration.ofMinutes(10));
        local.fireDue();

        assertThat(names("microdrop-neon-runners")).isEmpty();
        assertThat(fired).isEmpty();
        assertThatThrownBy(() -> get("neon-runners", 1)).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void cancel_whenTheDropWasNeverScheduled_thenNothingHappens() {
        schedules.cancel("never-scheduled");

        assertThat(calls).containsOnlyKeys("ListSchedules");
    }

    @Test
    void scheduleWaves_afterCancel_thenTheDropIsScheduledAgain() {
        schedules.scheduleWaves("neon-runners", THREE_WAVES, WAVES, ROLE, dlqArn);
        schedules.cancel("neon-runners");

        schedules.scheduleWaves("neon-runners", THREE_WAVES, WAVES, ROLE, dlqArn);

        assertThat(names("microdrop-neon-runners")).containsExactly("wave-1", "wave-2", "wave-3");
    }

    private GetScheduleResponse get(String dropId, int wave) {
        return scheduler.getSchedule(r -> r.groupName("microdrop-" + dropId).name("wave-" + wave));
    }

    private List<String> names(String group) {
        return scheduler.listSchedulesPaginator(r -> r.groupName(group)).schedules().stream()
                .map(ScheduleSummary::name).toList();
    }

    /** Counts every call the client starts, refused ones (a ConflictException) included. */
    private static ExecutionInterceptor counting(Map<String, Integer> calls) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                synchronized (calls) {
                    calls.merge(operation, 1, Integer::sum);
                }
            }
        };
    }
}
