package dev.microdrop.core.checkout;

/**
 * One thing wrong with a request.
 *
 * @param pointer where, as a JSON Pointer into the request body (RFC 6901), or a header name
 * @param detail  what is wrong, in a sentence for a developer of a storefront
 */
public record Violation(String pointer, String detail) {
}
