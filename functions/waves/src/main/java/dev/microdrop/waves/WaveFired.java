package dev.microdrop.waves;

/** The input each wave's schedule carries: {@code {"dropId": "...", "wave": n}}. */
public record WaveFired(String dropId, int wave) {
}
