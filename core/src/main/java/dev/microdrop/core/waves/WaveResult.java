package dev.microdrop.core.waves;

import java.util.Map;

/** What firing a wave did. Only {@link Released} changed anything. */
public sealed interface WaveResult {

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
