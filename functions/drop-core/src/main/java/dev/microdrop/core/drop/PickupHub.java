package dev.microdrop.core.drop;

import java.util.Objects;

/** A micro-hub where buyers collect their order. */
public record PickupHub(String hubId, String name) {

    public PickupHub {
        Ids.requireId("hubId", hubId);
        Objects.requireNonNull(name, "name");
    }
}
