package dev.microdrop.core.buyer;

/** A buyer's stable, opaque id: a keyed hash of their e-mail. Safe in keys and logs; the e-mail never is. */
public record BuyerId(String value) {

    public BuyerId {
        if (value == null || !value.matches("b_[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not a buyer id");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
