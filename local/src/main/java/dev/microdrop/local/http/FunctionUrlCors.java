package dev.microdrop.local.http;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a function URL's CORS configuration does on AWS, for one function: it answers browsers' preflights itself
 * (the function never sees them), and it grants the origins it allows on the function's answers, replacing any
 * CORS header the function sent. An origin it does not allow gets no grant at all. A function URL without CORS
 * (the webhook's, the merchant's) has no such object: its OPTIONS requests reach the function.
 *
 * <p>The methods and headers are the stack's ({@code cdk DropStack}, {@code template.yaml}); a test compares
 * them with the template. The stack sets no max age (AWS's default is 0: browsers do not cache the preflight)
 * and exposes no headers, so neither does this.
 *
 * @param allowOrigins exact origins, as browsers send them ({@code https://shop.example.com})
 */
public record FunctionUrlCors(Set<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                              int maxAgeSeconds) {

    public FunctionUrlCors {
        allowOrigins = Set.copyOf(allowOrigins);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
    }

    /** The catalog's function URL: GET, with a conditional request. */
    public static FunctionUrlCors catalog(Collection<String> origins) {
        return new FunctionUrlCors(new LinkedHashSet<>(origins), List.of("GET"), List.of("if-none-match", "content-type"), 0);
    }

    /** The checkout's function URL: POST /checkout (and /waitlist, /preorders), GET /orders/{id} with its token. */
    public static FunctionUrlCors checkout(Collection<String> origins) {
        return new FunctionUrlCors(new LinkedHashSet<>(origins), List.of("GET", "POST"),
                List.of("content-type", "idempotency-key", "authorization"), 0);
    }

    /** A browser's preflight: OPTIONS from an origin, naming the method it means to send. */
    static boolean isPreflight(String method, String origin, String requestMethod) {
        return method.equals("OPTIONS") && origin != null && requestMethod != null;
    }

    /** The answer to a preflight from {@code origin}: the grant if it is allowed, otherwise nothing. */
    Map<String, String> preflight(String origin) {
        Map<String, String> headers = new LinkedHashMap<>(grant(origin));
        if (headers.containsKey("access-control-allow-origin")) {
            headers.put("access-control-allow-methods", String.join(", ", allowMethods));
            headers.put("access-control-allow-headers", String.join(", ", allowHeaders));
            headers.put("access-control-max-age", Integer.toString(maxAgeSeconds));
        }
        return headers;
    }

    /**
     * The function's answer with the grant for {@code origin} in place of any CORS header it carried. The answer
     * varies with the origin whether or not this one is allowed, so caches are told.
     */
    Map<String, String> apply(Map<String, String> functionHeaders, String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        String vary = null;
        for (Map.Entry<String, String> header : functionHeaders.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("vary")) {
                vary = header.getValue();
            } else if (!name.startsWith("access-control-")) {
                headers.put(header.getKey(), header.getValue());
            }
        }
        Map<String, String> grant = grant(origin);
        headers.putAll(grant);
        if (vary != null) {
            headers.put("vary", vary + ", " + grant.get("vary"));
        }
        return headers;
    }

    private Map<String, String> grant(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (origin != null && allowOrigins.contains(origin)) {
            headers.put("access-control-allow-origin", origin);
        }
        headers.put("vary", "Origin");
        return headers;
    }
}
