package dev.microdrop.infrastructure.scheduler;

import java.time.Instant;
import java.util.Objects;

/** When wave {@code number} of a drop opens: what its one-time schedule is made from. */
public record WaveTime(int number, Instant at) {

    public WaveTime {
        Objects.requireNonNull(at, "at");
        if (number < 1) {
            throw new IllegalArgumentException("waves are numbered from 1: " + number);
        }
    }
}
