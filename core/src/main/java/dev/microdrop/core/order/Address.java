package dev.microdrop.core.order;

/** A shipping address. Personal data: stored on the order, never in a key, never logged. */
public record Address(String name, String line1, String line2, String city, String postalCode, String country) {
}
