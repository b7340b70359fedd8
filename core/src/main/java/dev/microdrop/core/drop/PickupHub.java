package dev.microdrop.core.drop;

import java.util.Objects;

/** A micro-hub where buyers collect their order. */
public record PickupHub(String hubId, String name, java.util.List<Slot> slots) {

    public PickupHub {
        Ids.requireId("hubId", hubId);
        Objects.requireNonNull(name, "name");
        slots = slots == null ? java.util.List.of() : java.util.List.copyOf(slots);
    }

    /** A hub where buyers collect at any time (no slots). */
    public PickupHub(String hubId, String name) {
        this(hubId, name, java.util.List.of());
    }

    public java.util.Optional<Slot> slot(String slotId) {
        return slots.stream().filter(s -> s.slotId().equals(slotId)).findFirst();
    }
}
