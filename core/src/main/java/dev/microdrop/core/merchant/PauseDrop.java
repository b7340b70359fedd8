package dev.microdrop.core.merchant;

import java.time.Clock;

/**
 * {@code POST .../pause} and {@code .../resume}: once a pause answers, no checkout holds stock of the drop until the
 * resume answers; holds already made can still be paid or expire. Idempotent.
 */
public final class PauseDrop {

    private final DropPauses pauses;
    private final Clock clock;

    public PauseDrop(DropPauses pauses, Clock clock) {
        this.pauses = pauses;
        this.clock = clock;
    }

    public PauseResult pause(String dropId) {
        return pauses.pause(dropId, clock.instant());
    }

    public PauseResult resume(String dropId) {
        return pauses.resume(dropId, clock.instant());
    }
}
