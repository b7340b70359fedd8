package dev.microdrop.infrastructure.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;

/** What the adapter asks Scheduler for, without a Scheduler: names, expressions, input, and the sameness check. */
class SchedulerWaveSchedulesTest {

    private static final String TARGET = "arn:aws:lambda:eu-west-1:123456789012:function:waves";
    private static final String ROLE = "arn:aws:iam::123456789012:role/scheduler-waves";
    private static final String DLQ = "arn:aws:sqs:eu-west-1:123456789012:waves-dlq";

    @Test
    void atExpression_whenOnAWholeSecond_thenThatSecondInUtc() {
        assertThat(SchedulerWaveSchedules.atExpression(Instant.parse("2026-11-22T10:00:00Z")))
                .isEqualTo("at(2026-11-22T10:00:00)");
    }

    @Test
    void atExpression_whenBetweenSeconds_thenRoundedUpSoTheWaveNeverOpensEarly() {
        assertThat(SchedulerWaveSchedules.atExpression(Instant.parse("2026-11-22T09:59:59.001Z")))
                .isEqualTo("at(2026-11-22T10:00:00)");
        assertThat(SchedulerWaveSchedules.atExpression(Instant.parse("2026-12-31T23:59:59.999999999Z")))
                .isEqualTo("at(2027-01-01T00:00:00)");
    }

    @Test
    void atExpression_whenInstantComesFromAnotherZone_thenStillWrittenInUtc() {
        Instant parisMorning = Instant.parse("2026-07-01T09:30:00+02:00");

        assertThat(SchedulerWaveSchedules.atExpression(parisMorning)).isEqualTo("at(2026-07-01T07:30:00)");
    }

    @Test
    void input_isTheWaveFunctionsEvent() {
        assertThat(SchedulerWaveSchedules.input("neon-runners", 2))
                .isEqualTo("{\"dropId\":\"neon-runners\",\"wave\":2}");
    }

    @Test
    void groupName_whenShort_thenPrefixedDropId() {
        assertThat(SchedulerWaveSchedules.groupName("neon-runners")).isEqualTo("microdrop-neon-runners");
        assertThat(SchedulerWaveSchedules.scheduleName(3)).isEqualTo("wave-3");
    }

    @Test
    void groupName_whenDropIdIsTooLongForAGroup_thenShortenedWithAStableHash() {
        String longId = "a".repeat(60);
        String otherLongId = "a".repeat(59) + "b";

        String name = SchedulerWaveSchedules.groupName(longId);

        assertThat(name).hasSize(64).startsWith("microdrop-aaaa").matches("[0-9a-zA-Z\\-_.]+");
        assertThat(SchedulerWaveSchedules.groupName(longId)).isEqualTo(name);
        assertThat(SchedulerWaveSchedules.groupName(otherLongId)).isNotEqualTo(name);
    }

    @Test
    void createRequest_isOneTimeUtcWithRetriesDeadLetterAndNoAutoDelete() {
        CreateScheduleRequest request = SchedulerWaveSchedules.createRequest("microdrop-neon-runners", "neon-runners",
                new WaveTime(2, Instant.parse("2026-11-22T10:15:00Z")), TARGET, ROLE, DLQ);

        assertThat(request.groupName()).isEqualTo("microdrop-neon-runners");
        assertThat(request.name()).isEqualTo("wave-2");
        assertThat(request.scheduleExpression()).isEqualTo("at(2026-11-22T10:15:00)");
        assertThat(request.scheduleExpressionTimezone()).isEqualTo("UTC");
        assertThat(request.flexibleTimeWindow().mode()).isEqualTo(FlexibleTimeWindowMode.OFF);
        assertThat(request.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.NONE);
        assertThat(request.state()).isEqualTo(ScheduleState.ENABLED);
        assertThat(request.target().arn()).isEqualTo(TARGET);
        assertThat(request.target().roleArn()).isEqualTo(ROLE);
        assertThat(request.target().input()).isEqualTo("{\"dropId\":\"neon-runners\",\"wave\":2}");
        assertThat(request.target().retryPolicy().maximumRetryAttempts()).isEqualTo(10);
        assertThat(request.target().retryPolicy().maximumEventAgeInSeconds()).isEqualTo(3600);
        assertThat(request.target().deadLetterConfig().arn()).isEqualTo(DLQ);
    }

    @Test
    void createRequest_whenNoDeadLetterQueue_thenNoDeadLetterConfig() {
        CreateScheduleRequest request = SchedulerWaveSchedules.createRequest("g", "d", new WaveTime(1,
                Instant.parse("2026-11-22T10:15:00Z")), TARGET, ROLE, null);

        assertThat(request.target().deadLetterConfig()).isNull();
    }

    @Test
    void same_whenScheduleSaysWhatIsWanted_thenTrue_andWhenTimeOrTargetDiffers_thenFalse() {
        CreateScheduleRequest wanted = SchedulerWaveSchedules.createRequest("g", "d", new WaveTime(1,
                Instant.parse("2026-11-22T10:15:00Z")), TARGET, ROLE, DLQ);
        GetScheduleResponse existing = asStored(wanted).build();

        assertThat(SchedulerWaveSchedules.same(existing, wanted)).isTrue();
        assertThat(SchedulerWaveSchedules.same(asStored(wanted).scheduleExpression("at(2026-11-22T10:16:00)")
                .build(), wanted)).isFalse();
        assertThat(SchedulerWaveSchedules.same(asStored(wanted).target(wanted.target().toBuilder()
                .arn(TARGET + "-v2").build()).build(), wanted)).isFalse();
        assertThat(SchedulerWaveSchedules.same(asStored(wanted).state(ScheduleState.DISABLED).build(), wanted))
                .isFalse();
        // Scheduler may leave out what was sent as the default.
        assertThat(SchedulerWaveSchedules.same(asStored(wanted).scheduleExpressionTimezone(null)
                .actionAfterCompletion((ActionAfterCompletion) null).build(), wanted)).isTrue();
    }

    @Test
    void waveTime_whenNumberBelowOne_thenRefused() {
        assertThatThrownBy(() -> new WaveTime(0, Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
    }

    private static GetScheduleResponse.Builder asStored(CreateScheduleRequest wanted) {
        return GetScheduleResponse.builder()
                .groupName(wanted.groupName())
                .name(wanted.name())
                .scheduleExpression(wanted.scheduleExpression())
                .scheduleExpressionTimezone(wanted.scheduleExpressionTimezone())
                .flexibleTimeWindow(wanted.flexibleTimeWindow())
                .target(wanted.target())
                .actionAfterCompletion(wanted.actionAfterCompletion())
                .state(wanted.state());
    }
}
