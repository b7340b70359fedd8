package dev.microdrop.local.http;

import java.util.Locale;

/**
 * The problem types only the local runtime answers: requests its HTTP server refuses before any function runs.
 * On AWS the function URL refuses such requests itself, with its own answers (README, "The local runtime's own
 * answers"). Stable like the functions' {@code ProblemType}s; where one of those fits (payload-too-large,
 * not-found, internal) the local runtime uses it instead.
 */
public enum LocalProblemType {
    MALFORMED_REQUEST(400, "Malformed HTTP request"),
    URI_TOO_LONG(414, "Request target too long"),
    HEADERS_TOO_LARGE(431, "Request headers too large");

    private final int status;
    private final String title;

    LocalProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** e.g. {@code https://microdrop.dev/problems/malformed-request}. */
    public String uri() {
        return "https://microdrop.dev/problems/" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
