package dev.microdrop.function.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A value read when first needed and kept for a while: what the CDK stack writes to an SSM parameter because it is
 * made after the function and cannot be in its environment (the merchant sign-in's app client id, whose callback URL
 * names the distribution in front of the function; the host of the shop's own function URL). Nothing is read at init,
 * so neither SnapStart priming nor a version published before the parameter exists touches it.
 */
public final class CachedValue implements Supplier<String> {

    private final String what;
    private final Supplier<String> source;
    private final Duration keepFor;
    private final Clock clock;
    private String value;
    private Instant readAt;

    /** @param what what the value is, for the error when the source gives none ("the app client id") */
    public CachedValue(String what, Supplier<String> source, Duration keepFor, Clock clock) {
        this.what = what;
        this.source = source;
        this.keepFor = keepFor;
        this.clock = clock;
    }

    @Override
    public synchronized String get() {
        if (value == null || clock.instant().isAfter(readAt.plus(keepFor))) {
            String read = source.get();
            if (read == null || read.isBlank()) {
                throw new IllegalStateException(what + " is required and was read empty");
            }
            value = read;
            readAt = clock.instant();
        }
        return value;
    }
}
