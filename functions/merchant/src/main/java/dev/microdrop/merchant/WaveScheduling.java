package dev.microdrop.merchant;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.infrastructure.scheduler.SchedulerWaveSchedules;
import dev.microdrop.infrastructure.scheduler.WaveTime;

/**
 * Schedules a published drop's waves on EventBridge Scheduler, targeting the waves function. Configured by
 * {@code MICRODROP_WAVES_FUNCTION_ARN}, {@code MICRODROP_WAVES_ROLE_ARN} and {@code MICRODROP_WAVES_DLQ_ARN}; without
 * them nothing is scheduled, and the publish answer says so ({@code wavesScheduled: false}).
 */
final class WaveScheduling {

    private final SchedulerWaveSchedules schedules;
    private final String functionArn;
    private final String roleArn;
    private final String deadLetterArn;

    WaveScheduling(SchedulerWaveSchedules schedules, String functionArn, String roleArn, String deadLetterArn) {
        this.schedules = schedules;
        this.functionArn = functionArn;
        this.roleArn = roleArn;
        this.deadLetterArn = deadLetterArn;
    }

    boolean configured() {
        return schedules != null && functionArn != null && !functionArn.isBlank();
    }

    /** @return whether the waves were scheduled */
    boolean schedule(Drop drop) {
        if (!configured()) {
            return false;
        }
        schedules.scheduleWaves(drop.dropId(), drop.wavePlan().waves().stream()
                .map(w -> new WaveTime(w.number(), drop.waveAt(w.number()))).toList(), functionArn, roleArn, deadLetterArn);
        return true;
    }
}
