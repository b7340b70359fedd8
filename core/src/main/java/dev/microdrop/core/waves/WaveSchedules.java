package dev.microdrop.core.waves;

import dev.microdrop.core.drop.Drop;

/**
 * Port out: the timers that fire a published drop's waves, one per wave of its {@code WavePlan}, each at the wave's
 * time; a firing releases the wave through {@link WaveService} and {@link WaveReleases}. ("Schedule" in microdrop
 * only ever means such a timer; what a wave releases and when is the plan.)
 */
public interface WaveSchedules {

    /** Where no timers are configured (the function has no waves target): nothing is scheduled. */
    WaveSchedules NONE = drop -> false;

    /**
     * Makes the drop's timers match its plan: one per wave at its time, a timer of a wave no longer planned gone.
     * Called again at will (every publish): a timer already right is left alone.
     *
     * @return whether the waves were scheduled (false where no timers are configured)
     */
    boolean schedule(Drop drop);
}
