package dev.microdrop.core.manifest;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A micro-hub: where buyers collect their orders, and where stock for shipping may sit.
 *
 * @param slots         the pickup slots buyers book, in time order; empty when buyers come any time the hub is open
 * @param coordinates   where the hub is, for maps, directories and calendars; absent when not given
 * @param pickupPromise an order is ready for pickup within this after payment; absent when not given
 */
public record Hub(String hubId, String name, String address, List<PickupSlot> slots,
        Optional<Coordinates> coordinates, Optional<Duration> pickupPromise) {

    /** A hub without a position or a pickup promise. */
    public Hub(String hubId, String name, String address, List<PickupSlot> slots) {
        this(hubId, name, address, slots, Optional.empty(), Optional.empty());
    }

    public Hub {
        Objects.requireNonNull(hubId, "hubId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(pickupPromise, "pickupPromise");
        slots = List.copyOf(slots);
    }
}
