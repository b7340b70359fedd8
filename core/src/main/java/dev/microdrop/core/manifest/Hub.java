package dev.microdrop.core.manifest;

import java.util.List;
import java.util.Objects;

/**
 * A micro-hub: where buyers collect their orders, and where stock for shipping may sit.
 *
 * @param slots the pickup slots buyers book, in time order; empty when buyers come any time the hub is open
 */
public record Hub(String hubId, String name, String address, List<PickupSlot> slots) {

    public Hub {
        Objects.requireNonNull(hubId, "hubId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        slots = List.copyOf(slots);
    }
}
