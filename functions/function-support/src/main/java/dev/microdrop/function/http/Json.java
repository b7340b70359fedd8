package dev.microdrop.function.http;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The same mapper as {@link dev.microdrop.infrastructure.json.Json}, under its old name, for the two places being
 * rewritten as this is written (the checkout function and the local runtime's scheduler): they move to the
 * infrastructure's name with their rewrite, and then this class goes.
 */
public final class Json {

    private Json() {
    }

    public static ObjectMapper mapper() {
        return dev.microdrop.infrastructure.json.Json.mapper();
    }
}
