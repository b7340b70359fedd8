package dev.microdrop.core.order;

/** How the buyer receives the order. */
public sealed interface Fulfilment {

    /** Shipped to an address. */
    record Ship(Address address) implements Fulfilment {
    }

    /** Collected at one of the drop's micro-hubs, in one of its slots when the hub has slots. */
    record Pickup(String hubId, String slotId) implements Fulfilment {

        public Pickup(String hubId) {
            this(hubId, null);
        }
    }

    /** The same fulfilment without personal data: a ship-to address {@link Address#erased() erased}. */
    default Fulfilment withoutPersonalData() {
        return switch (this) {
            case Ship s -> new Ship(s.address().erased());
            case Pickup p -> p;
        };
    }

    /** A stable text form, part of the request fingerprint that guards idempotency keys. */
    default String canonical() {
        return switch (this) {
            case Ship s -> String.join("\u001f", "ship", s.address().name(), s.address().line1(),
                    String.valueOf(s.address().line2()), s.address().city(), s.address().postalCode(),
                    s.address().country());
            case Pickup p -> "pickup\u001f" + p.hubId() + (p.slotId() == null ? "" : "\u001f" + p.slotId());
        };
    }
}
