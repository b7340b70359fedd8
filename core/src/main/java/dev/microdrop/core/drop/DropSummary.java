package dev.microdrop.core.drop;

import java.time.Instant;

/** One line of the drop directory. */
public record DropSummary(String dropId, String name, Instant opensAt, Instant closesAt) {

    public DropStatus statusAt(Instant now) {
        return DropStatus.at(opensAt, closesAt, now);
    }
}
