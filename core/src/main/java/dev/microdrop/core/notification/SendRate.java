package dev.microdrop.core.notification;

import java.time.Duration;
import java.time.Instant;

/**
 * The mail service's send rate, as a token bucket: {@code perSecond} mails a second, at most one second's worth in a
 * burst. A caller reserves before sending and is told how long to wait; a reservation that would wait longer than
 * it may is refused and takes nothing (the mail is sent on a later delivery). Time is the caller's clock: tests move
 * it. Hand-written rather than Bucket4j: twenty lines on an injected clock keep the core free of libraries.
 */
public final class SendRate {

    private final double perSecond;
    private final Duration maxWait;
    private double tokens;
    private Instant updated;

    public SendRate(double perSecond, Duration maxWait, Instant now) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("a send rate is above 0 mails a second");
        }
        this.perSecond = perSecond;
        this.maxWait = maxWait;
        this.tokens = perSecond;
        this.updated = now;
    }

    /**
     * Reserves {@code mails} sends at {@code now}: {@code Duration.ZERO} to send at once, a positive wait to send
     * after it, or {@code null} when the wait would exceed the maximum (nothing reserved).
     */
    public synchronized Duration reserve(int mails, Instant now) {
        if (now.isAfter(updated)) {
            tokens = Math.min(perSecond, tokens + perSecond * Duration.between(updated, now).toNanos() / 1e9);
            updated = now;
        }
        double missing = mails - tokens;
        Duration wait = missing <= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(missing / perSecond * 1e9));
        if (wait.compareTo(maxWait) > 0) {
            return null;
        }
        tokens -= mails;
        return wait;
    }
}
