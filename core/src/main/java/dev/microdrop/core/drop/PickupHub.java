package dev.microdrop.core.drop;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A micro-hub where buyers collect their order.
 *
 * @param address       the street address buyers go to, or null when the drop does not say
 * @param coordinates   where the hub is, or null
 * @param pickupPromise an order is ready for pickup within this after payment, or null when the hub promises nothing
 */
public record PickupHub(String hubId, String name, List<Slot> slots, String address, Coordinates coordinates,
        Duration pickupPromise) {

    public PickupHub {
        Ids.requireId("hubId", hubId);
        Objects.requireNonNull(name, "name");
        slots = slots == null ? List.of() : List.copyOf(slots);
        if (pickupPromise != null && (pickupPromise.isNegative() || pickupPromise.isZero())) {
            throw new IllegalArgumentException("a pickup promise is a positive duration");
        }
    }

    /** A hub without an address, a position or a promise. */
    public PickupHub(String hubId, String name, List<Slot> slots) {
        this(hubId, name, slots, null, null, null);
    }

    /** A hub where buyers collect at any time (no slots). */
    public PickupHub(String hubId, String name) {
        this(hubId, name, List.of());
    }

    /** The same hub with other slots (its address, position and promise kept). */
    public PickupHub withSlots(List<Slot> newSlots) {
        return new PickupHub(hubId, name, newSlots, address, coordinates, pickupPromise);
    }

    public Optional<Slot> slot(String slotId) {
        return slots.stream().filter(s -> s.slotId().equals(slotId)).findFirst();
    }
}
