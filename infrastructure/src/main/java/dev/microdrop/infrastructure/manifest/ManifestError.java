package dev.microdrop.infrastructure.manifest;

import java.util.Objects;

/**
 * One thing wrong with a manifest file, where the merchant can find it.
 *
 * @param field   a JSON Pointer into the file ({@code /products/0/variants/1/price}); for a missing field the
 *                path it should have; {@code ""} for the file as a whole (e.g. a YAML syntax error)
 * @param line    1-based line: of the field's key, of the list item, or, for a missing field, of the mapping
 *                that lacks it
 * @param message a sentence for the merchant; never a stack trace
 */
public record ManifestError(String field, int line, String message) {

    public ManifestError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        if (line < 1) {
            throw new IllegalArgumentException("lines are counted from 1: " + line);
        }
    }

    /** {@code neon-runners.yaml:12: /products/0/variants/1/price: must be a whole number ...}, as compilers print. */
    public String describe(String fileName) {
        return fileName + ":" + line + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
