package dev.microdrop.core.waves;

import java.time.Instant;
import java.util.Map;

/** What firing a wave did. Only {@link Released} changed anything. */
public sealed interface WaveResult {

    /**
     * Whether a wave may still be released, from what a SKU item of the drop says: not if this wave or a later one
     * was released ({@code wavesReleased}), nor once the drop closed. Empty: it may.
     */
    static java.util.Optional<WaveResult> refusal(String dropId, int wave, int wavesReleased, Instant closesAt,
            Instant now) {
        if (wavesReleased >= wave) {
            return java.util.Optional.of(new AlreadyReleased(wave));
        }
        if (!closesAt.isAfter(now)) {
            return java.util.Optional.of(new NotReleased("drop " + dropId + " has closed"));
        }
        return java.util.Optional.empty();
    }

    /** {@code units} per SKU went on sale. */
    record Released(int wave, Map<String, Integer> units) implements WaveResult {
    }

    /** This wave, or a later one, was released before: a second firing changes nothing. */
    record AlreadyReleased(int wave) implements WaveResult {
    }

    /** The drop has closed (or there is no such drop or wave): nothing is released. */
    record NotReleased(String why) implements WaveResult {
    }
}
