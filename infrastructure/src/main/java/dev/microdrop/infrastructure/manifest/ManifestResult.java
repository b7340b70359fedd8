package dev.microdrop.infrastructure.manifest;

import dev.microdrop.core.manifest.DropManifest;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** What reading a manifest file gave. A broken file is an expected outcome, so it is a value, not an exception. */
public sealed interface ManifestResult {

    /** The file is well-formed and breaks no rule: {@code manifest.violations()} is empty. */
    record Parsed(DropManifest manifest) implements ManifestResult {

        public Parsed {
            Objects.requireNonNull(manifest, "manifest");
        }
    }

    /**
     * The file cannot be used. {@code errors} is never empty and is in the order of the file's lines. Shape errors
     * (syntax, types, unknown or missing fields) are reported first; the drop's rules are checked once the
     * shapes are right, so fixing a file may take two rounds.
     */
    record Invalid(String fileName, List<ManifestError> errors) implements ManifestResult {

        public Invalid {
            Objects.requireNonNull(fileName, "fileName");
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid manifest has at least one error");
            }
        }

        /** One line per error, {@code file:line: field: message}. */
        public String report() {
            return errors.stream().map(e -> e.describe(fileName)).collect(Collectors.joining("\n"));
        }
    }
}
