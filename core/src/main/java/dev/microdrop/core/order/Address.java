package dev.microdrop.core.order;

/** A shipping address. Personal data: stored on the order, never in a key, never logged. */
public record Address(String name, String line1, String line2, String city, String postalCode, String country) {

    /**
     * What is left once the buyer had the shop erase their data (docs/audience.md): the country only, which names no
     * one and which the books may need (where a sale was shipped to); every other field null.
     */
    public Address erased() {
        return new Address(null, null, null, null, null, country);
    }

    /** Nothing but the country: erased. */
    public boolean isErased() {
        return name == null && line1 == null && line2 == null && city == null && postalCode == null;
    }
}
