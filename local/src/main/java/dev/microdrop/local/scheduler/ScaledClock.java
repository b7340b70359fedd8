package dev.microdrop.local.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Time that runs {@code timeScale} times faster than the clock under it, from the moment it was made: with a scale
 * of 60 a minute passes every real second. {@code simulated = start + (real - start) × timeScale}.
 *
 * <p>The local scheduler fires on this clock, and the local runtime hands the same clock to the functions, so a
 * wave due in an hour opens a minute later for the scheduler and for the checkout alike.
 */
final class ScaledClock extends Clock {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final Clock real;
    private final double timeScale;
    private final Instant start;

    ScaledClock(Clock real, double timeScale) {
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("timeScale must be a positive number: " + timeScale);
        }
        this.real = real;
        this.timeScale = timeScale;
        this.start = real.instant();
    }

    double timeScale() {
        return timeScale;
    }

    @Override
    public Instant instant() {
        Instant now = real.instant();
        if (timeScale == 1) {
            return now;
        }
        return start.plus(scale(Duration.between(start, now), timeScale));
    }

    /** How long, on the real clock, until this clock reads {@code simulated}; zero or negative if it already has. */
    Duration realDelayUntil(Instant simulated) {
        return scale(Duration.between(instant(), simulated), 1 / timeScale);
    }

    private static Duration scale(Duration duration, double factor) {
        // Seconds as a double keep microsecond precision for centuries, and cannot overflow as nanos would.
        double seconds = (duration.getSeconds() + duration.getNano() / NANOS_PER_SECOND) * factor;
        long whole = (long) Math.floor(seconds);
        long nanos = Math.round((seconds - whole) * NANOS_PER_SECOND);
        return Duration.ofSeconds(whole, nanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
