package dev.microdrop.core.checkout;

import java.util.List;

/** A value that passed its checks, or the list of what failed: bad input is an outcome, not an exception. */
public sealed interface Validated<T> {

    record Valid<T>(T value) implements Validated<T> {
    }

    record Invalid<T>(List<Violation> violations) implements Validated<T> {
        public Invalid {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("an invalid value names at least one violation");
            }
        }
    }
}
