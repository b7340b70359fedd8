package dev.microdrop.core.checkout;

/** A line as the buyer asked for it: which SKU and how many. */
public record RequestedLine(String sku, int quantity) {
}
