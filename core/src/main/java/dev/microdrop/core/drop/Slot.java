package dev.microdrop.core.drop;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A pickup slot at a hub: a window and how many orders the hub hands out in it. Capacity is inventory: a pickup
 * order takes a seat in the same write as its units.
 *
 * @param slotId derived from the start time ({@code 20261205T1000}), stable across republishing
 */
public record Slot(String slotId, Instant start, Instant end, int capacity) {

    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm").withZone(ZoneOffset.UTC);

    public Slot {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a slot ends after it starts");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("a slot takes at least one order");
        }
    }

    public static Slot of(Instant start, Instant end, int capacity) {
        return new Slot(ID.format(start), start, end, capacity);
    }
}
