package dev.microdrop.core.drop;

import java.time.Instant;

/** Where a drop is in time. Derived from the clock, never stored. */
public enum DropStatus {
    SCHEDULED, OPEN, CLOSED;

    /** Open from {@code opensAt} (inclusive) to {@code closesAt} (exclusive), as the hold's condition says. */
    public static DropStatus at(Instant opensAt, Instant closesAt, Instant now) {
        if (now.isBefore(opensAt)) {
            return SCHEDULED;
        }
        return now.isBefore(closesAt) ? OPEN : CLOSED;
    }
}
