package dev.microdrop.core.merchant;

import java.time.Instant;

/**
 * Port out: pausing a drop's sales. A pause marks the drop and every stock item of it in one write, with its
 * DropPaused event, so no hold written after it can succeed; a resume undoes it, with DropResumed.
 */
public interface DropPauses {

    PauseResult pause(String dropId, Instant now);

    PauseResult resume(String dropId, Instant now);
}
