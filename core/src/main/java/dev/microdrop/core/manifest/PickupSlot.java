package dev.microdrop.core.manifest;

import java.time.Instant;
import java.util.Objects;

/**
 * A window in which buyers collect at a hub.
 *
 * @param capacity how many orders the hub hands out in this slot
 */
public record PickupSlot(Instant start, Instant end, int capacity) {

    public PickupSlot {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }
}
