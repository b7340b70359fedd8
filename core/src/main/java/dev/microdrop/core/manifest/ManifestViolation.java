package dev.microdrop.core.manifest;

import java.util.Objects;

/**
 * A rule of the manifest that its values break.
 *
 * @param path    where, as a JSON Pointer into the manifest as written ({@code /products/0/variants/1/hubs}), so
 *                an adapter can point at the line; {@code ""} is the whole manifest
 * @param message a sentence for the merchant, in the manifest's own terms (local times, percent)
 */
public record ManifestViolation(String path, String message) {

    public ManifestViolation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }
}
