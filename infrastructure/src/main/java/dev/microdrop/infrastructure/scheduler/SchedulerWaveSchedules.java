package dev.microdrop.infrastructure.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.waves.WaveSchedules;
import dev.microdrop.infrastructure.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.DeadLetterConfig;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.RetryPolicy;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;

/**
 * The one adapter of {@link WaveSchedules}: one EventBridge Scheduler one-time schedule per wave of a drop, all in the
 * drop's own schedule group ({@code microdrop-<dropId>}), each named {@code wave-<n>} and invoking the wave function
 * with {@code {"dropId": "...", "wave": n}}.
 *
 * <p>{@link #scheduleWaves} makes the group's wave schedules match the list it is given, and can be called again
 * at will: a schedule that already says the same is left alone (no call that changes anything), one whose time or
 * target changed is updated in place, and a {@code wave-<n>} schedule whose wave is no longer in the list is deleted.
 * Firing twice is harmless anyway (the wave function releases each wave once), but leaving unchanged schedules
 * alone keeps a re-run from re-arming a wave that already fired.
 *
 * <p>The CDK stack (cdk/) creates the same schedules at deploy time with these names, expressions and inputs (the
 * public helpers below), so a later publish from the merchant API finds them and updates them in place.
 *
 * <p>Times are written in UTC, rounded up to the whole second {@code at(...)} takes, so a wave never opens before
 * its time. Scheduler invokes within the minute after that.
 */
public final class SchedulerWaveSchedules implements WaveSchedules {

    public static final String GROUP_PREFIX = "microdrop-";
    /** Retries with Scheduler's backoff for up to an hour, then the dead-letter queue: a wave late by more is news. */
    public static final int MAXIMUM_RETRY_ATTEMPTS = 10;
    public static final int MAXIMUM_EVENT_AGE_SECONDS = 3600;

    private static final int MAX_GROUP_NAME = 64;
    private static final Pattern WAVE_SCHEDULE = Pattern.compile("wave-([1-9][0-9]*)");
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = Json.mapper();

    private final SchedulerClient scheduler;
    private final String targetArn;
    private final String roleArn;
    private final String deadLetterArn;

    /**
     * The port's adapter: {@link #schedule(Drop)} invokes {@code targetArn} (the waves function's alias).
     *
     * @param roleArn       the role Scheduler assumes to invoke the target and write to the dead-letter queue
     * @param deadLetterArn the SQS queue a firing goes to once retries are exhausted; null for none
     */
    public SchedulerWaveSchedules(SchedulerClient scheduler, String targetArn, String roleArn, String deadLetterArn) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.targetArn = Objects.requireNonNull(targetArn, "targetArn");
        this.roleArn = Objects.requireNonNull(roleArn, "roleArn");
        this.deadLetterArn = deadLetterArn;
    }

    /**
     * Without a target: for {@link #scheduleWaves} and {@link #cancel}, which take what they need (local's
     * scheduler test calls them so); {@link #schedule(Drop)} refuses.
     */
    public SchedulerWaveSchedules(SchedulerClient scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.targetArn = null;
        this.roleArn = null;
        this.deadLetterArn = null;
    }

    @Override
    public boolean schedule(Drop drop) {
        if (targetArn == null) {
            throw new IllegalStateException("no target: made with SchedulerWaveSchedules(SchedulerClient)");
        }
        scheduleWaves(drop.dropId(), drop.wavePlan().waves().stream()
                .map(w -> new WaveTime(w.number(), drop.waveAt(w.number()))).toList(), targetArn, roleArn, deadLetterArn);
        return true;
    }

    /**
     * Schedules every wave of {@code dropId} to invoke {@code targetArn} (the wave function) at its time.
     *
     * @param roleArn       the role Scheduler assumes to invoke the target and write to the dead-letter queue
     * @param deadLetterArn the SQS queue a firing goes to once retries are exhausted; null for none
     */
    public void scheduleWaves(String dropId, List<WaveTime> waves, String targetArn, String roleArn,
                              String deadLetterArn) {
        Objects.requireNonNull(dropId, "dropId");
        Objects.requireNonNull(waves, "waves");
        Objects.requireNonNull(targetArn, "targetArn");
        Objects.requireNonNull(roleArn, "roleArn");
        Set<String> names = new HashSet<>();
        for (WaveTime wave : waves) {
            if (!names.add(scheduleName(wave.number()))) {
                throw new IllegalArgumentException("wave " + wave.number() + " of drop " + dropId + " is listed twice");
            }
        }
        String group = groupName(dropId);
        ensureGroup(group);
        for (WaveTime wave : waves) {
            put(createRequest(group, dropId, wave, targetArn, roleArn, deadLetterArn));
        }
        for (String name : waveScheduleNames(group)) {
            if (!names.contains(name)) {
                deleteIfPresent(group, name);
            }
        }
    }

    /** Deletes every wave schedule of the drop; the (empty) group stays, so the drop can be scheduled again at once. */
    public void cancel(String dropId) {
        String group = groupName(Objects.requireNonNull(dropId, "dropId"));
        for (String name : waveScheduleNames(group)) {
            deleteIfPresent(group, name);
        }
    }

    /**
     * {@code microdrop-<dropId>}. Group names stop at 64 characters: a longer one keeps its first characters and
     * ends in a hash of the whole drop id, so it stays the same for the same drop and differs between drops.
     */
    public static String groupName(String dropId) {
        String name = GROUP_PREFIX + dropId;
        if (name.length() <= MAX_GROUP_NAME) {
            return name;
        }
        String hash = sha256Hex(dropId).substring(0, 8);
        return name.substring(0, MAX_GROUP_NAME - hash.length() - 1) + "-" + hash;
    }

    public static String scheduleName(int wave) {
        return "wave-" + wave;
    }

    /** {@code at(yyyy-MM-ddTHH:mm:ss)} in UTC, rounded up to the second so the schedule never fires early. */
    public static String atExpression(Instant at) {
        Instant second = at.truncatedTo(ChronoUnit.SECONDS);
        if (second.isBefore(at)) {
            second = second.plusSeconds(1);
        }
        return "at(" + AT.format(second) + ")";
    }

    public static String input(String dropId, int wave) {
        return JSON.createObjectNode().put("dropId", dropId).put("wave", wave).toString();
    }

    static CreateScheduleRequest createRequest(String group, String dropId, WaveTime wave, String targetArn,
                                               String roleArn, String deadLetterArn) {
        Target.Builder target = Target.builder()
                .arn(targetArn)
                .roleArn(roleArn)
                .input(input(dropId, wave.number()))
                .retryPolicy(RetryPolicy.builder()
                        .maximumRetryAttempts(MAXIMUM_RETRY_ATTEMPTS)
                        .maximumEventAgeInSeconds(MAXIMUM_EVENT_AGE_SECONDS)
                        .build());
        if (deadLetterArn != null) {
            target.deadLetterConfig(DeadLetterConfig.builder().arn(deadLetterArn).build());
        }
        return CreateScheduleRequest.builder()
                .groupName(group)
                .name(scheduleName(wave.number()))
                .scheduleExpression(atExpression(wave.at()))
                .scheduleExpressionTimezone("UTC")
                .flexibleTimeWindow(FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build())
                .target(target.build())
                .actionAfterCompletion(ActionAfterCompletion.NONE)
                .state(ScheduleState.ENABLED)
                .build();
    }

    private void ensureGroup(String group) {
        try {
            scheduler.createScheduleGroup(r -> r.name(group));
        } catch (ConflictException exists) {
            // Made by an earlier call for this drop: exactly what is wanted.
        }
    }

    private void put(CreateScheduleRequest wanted) {
        try {
            scheduler.createSchedule(wanted);
            return;
        } catch (ConflictException exists) {
            // Scheduled before: compare below.
        }
        GetScheduleResponse existing = scheduler.getSchedule(r -> r.groupName(wanted.groupName())
                .name(wanted.name()));
        if (!same(existing, wanted)) {
            scheduler.updateSchedule(UpdateScheduleRequest.builder()
                    .groupName(wanted.groupName())
                    .name(wanted.name())
                    .scheduleExpression(wanted.scheduleExpression())
                    .scheduleExpressionTimezone(wanted.scheduleExpressionTimezone())
                    .flexibleTimeWindow(wanted.flexibleTimeWindow())
                    .target(wanted.target())
                    .actionAfterCompletion(wanted.actionAfterCompletion())
                    .state(wanted.state())
                    .build());
        }
    }

    /** Whether the schedule already does what {@code wanted} asks: same time, same target, same failure handling. */
    static boolean same(GetScheduleResponse existing, CreateScheduleRequest wanted) {
        Target have = existing.target();
        Target want = wanted.target();
        String haveZone = existing.scheduleExpressionTimezone() == null
                ? "UTC"
                : existing.scheduleExpressionTimezone();
        ActionAfterCompletion haveAction = existing.actionAfterCompletion() == null
                ? ActionAfterCompletion.NONE
                : existing.actionAfterCompletion();
        return Objects.equals(existing.scheduleExpression(), wanted.scheduleExpression())
                && haveZone.equals(wanted.scheduleExpressionTimezone())
                && existing.state() == wanted.state()
                && haveAction == wanted.actionAfterCompletion()
                && existing.flexibleTimeWindow() != null
                && existing.flexibleTimeWindow().mode() == wanted.flexibleTimeWindow().mode()
                && have != null
                && Objects.equals(have.arn(), want.arn())
                && Objects.equals(have.roleArn(), want.roleArn())
                && Objects.equals(have.input(), want.input())
                && Objects.equals(have.retryPolicy(), want.retryPolicy())
                && Objects.equals(deadLetterArn(have), deadLetterArn(want));
    }

    private static String deadLetterArn(Target target) {
        return target.deadLetterConfig() == null ? null : target.deadLetterConfig().arn();
    }

    /** The group's {@code wave-<n>} schedules, read in full before anything is deleted so no page is skipped. */
    private List<String> waveScheduleNames(String group) {
        List<String> names = new ArrayList<>();
        try {
            for (ScheduleSummary schedule : scheduler.listSchedulesPaginator(r -> r.groupName(group)).schedules()) {
                if (WAVE_SCHEDULE.matcher(schedule.name()).matches()) {
                    names.add(schedule.name());
                }
            }
        } catch (ResourceNotFoundException noGroup) {
            // The drop was never scheduled: it has no wave schedules.
        }
        return names;
    }

    private void deleteIfPresent(String group, String name) {
        try {
            scheduler.deleteSchedule(r -> r.groupName(group).name(name));
        } catch (ResourceNotFoundException gone) {
            // Deleted meanwhile (or by ActionAfterCompletion): the outcome wanted.
        }
    }

    private static String sha256Hex(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
