package dev.microdrop.core.notification;

/** Decides whether mails may go now: the mail service's send rate, as the function enforces it. */
public interface Pacing {

    /** True if {@code mails} may be sent now (having waited, if need be); false to try the delivery later. */
    boolean admit(int mails);

    static Pacing unlimited() {
        return mails -> true;
    }

    /** {@link SendRate} on a clock, sleeping through a short wait. */
    static Pacing of(SendRate rate, java.time.Clock clock, Sleeper sleeper) {
        return mails -> {
            java.time.Duration wait = rate.reserve(mails, clock.instant());
            if (wait == null) {
                return false;
            }
            if (!wait.isZero()) {
                sleeper.sleep(wait);
            }
            return true;
        };
    }

    interface Sleeper {
        void sleep(java.time.Duration duration);
    }
}
