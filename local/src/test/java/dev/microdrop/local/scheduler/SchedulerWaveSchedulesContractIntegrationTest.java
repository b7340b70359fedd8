package dev.microdrop.local.scheduler;

import dev.microdrop.core.testing.MutableClock;
import dev.microdrop.core.waves.WaveSchedules;
import dev.microdrop.core.waves.WaveSchedulesContract;
import dev.microdrop.infrastructure.scheduler.SchedulerWaveSchedules;
import dev.microdrop.infrastructure.sqs.LocalElasticMq;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

/** The wave timers' contract, against {@link SchedulerWaveSchedules} on the real SDK client and the local Scheduler. */
class SchedulerWaveSchedulesContractIntegrationTest extends WaveSchedulesContract {

    private LocalScheduler local;
    private SdkHttpClient http;
    private SchedulerClient scheduler;

    @BeforeEach
    void start() throws Exception {
        local = new LocalScheduler(new MutableClock(NOW), 60, LocalElasticMq.client()).start(0)
                .onLambda("waves", input -> { });
        http = UrlConnectionHttpClient.create();
        scheduler = SchedulerClient.builder().endpointOverride(local.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(http).build();
    }

    @AfterEach
    void stop() {
        scheduler.close();
        http.close();
        local.close();
    }

    @Override
    protected WaveSchedules schedules() {
        return new SchedulerWaveSchedules(scheduler, "arn:aws:lambda:us-east-1:000000000000:function:waves",
                "arn:aws:iam::000000000000:role/scheduler-waves", null);
    }

    @Override
    protected Map<Integer, Instant> timers(String dropId) {
        String group = SchedulerWaveSchedules.groupName(dropId);
        Map<Integer, Instant> timers = new TreeMap<>();
        for (ScheduleSummary summary : scheduler.listSchedulesPaginator(r -> r.groupName(group)).schedules()) {
            String expression = scheduler.getSchedule(r -> r.groupName(group).name(summary.name())).scheduleExpression();
            timers.put(Integer.parseInt(summary.name().substring("wave-".length())),
                    LocalDateTime.parse(expression.substring(3, expression.length() - 1)).toInstant(ZoneOffset.UTC));
        }
        return timers;
    }
}
