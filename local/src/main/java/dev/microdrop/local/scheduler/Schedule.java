package dev.microdrop.local.scheduler;

import java.time.Instant;

/**
 * One schedule as the local scheduler holds it: what the client sent, the instant it is due on the scaled clock,
 * and whether that instant has been acted on.
 *
 * @param due     the {@code at(...)} expression read in its time zone
 * @param version changes with every create and update, so a firing of an older version never deletes a newer one
 * @param fired   this version has been taken for firing; a one-time schedule fires once per version
 */
record Schedule(String name, String groupName, String arn, String expression, String timezone, Instant due,
                ScheduleTarget target, Instant creationDate, Instant lastModificationDate, String clientToken,
                long version, boolean fired) {

    /** What every schedule is here, as microdrop's wave timers are: enabled, kept after firing, no flexible window. */
    static final String ENABLED = "ENABLED";
    static final String NONE = "NONE";
    static final String OFF = "OFF";

    boolean waiting() {
        return !fired;
    }

    Schedule firedCopy() {
        return new Schedule(name, groupName, arn, expression, timezone, due, target, creationDate,
                lastModificationDate, clientToken, version, true);
    }

    /** This schedule as an update replaced it: same name, group, ARN and creation date. */
    Schedule updatedFrom(Schedule existing) {
        return new Schedule(name, groupName, arn, expression, timezone, due, target, existing.creationDate(),
                lastModificationDate, existing.clientToken(), version, false);
    }
}
