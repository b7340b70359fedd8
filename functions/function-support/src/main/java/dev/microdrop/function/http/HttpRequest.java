package dev.microdrop.function.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A function-URL request (HTTP API payload v2) as the handlers need it: method, path, case-insensitive
 * headers, and the body as bytes (function URLs base64-encode bodies they do not consider text).
 */
public final class HttpRequest {

    private final String method;
    private final String path;
    private final Map<String, String> headers;
    private final String rawBody;
    private final boolean base64;
    private final Map<String, String> query;

    private HttpRequest(String method, String path, Map<String, String> headers, String rawBody, boolean base64,
            Map<String, String> query) {
        this.method = method;
        this.path = path;
        this.headers = headers;
        this.rawBody = rawBody;
        this.base64 = base64;
        this.query = query;
    }

    public static HttpRequest of(APIGatewayV2HTTPEvent event) {
        String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                ? event.getRequestContext().getHttp().getMethod() : null;
        String path = event.getRawPath();
        if (path == null && event.getRequestContext() != null && event.getRequestContext().getHttp() != null) {
            path = event.getRequestContext().getHttp().getPath();
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (event.getHeaders() != null) {
            headers.putAll(event.getHeaders());
        }
        return new HttpRequest(method == null ? "GET" : method.toUpperCase(Locale.ROOT), path == null ? "/" : path,
                headers, event.getBody(), event.getIsBase64Encoded(),
                event.getQueryStringParameters() == null ? Map.of() : Map.copyOf(event.getQueryStringParameters()));
    }

    /** The query's parameters, decoded, as the function URL passed them (repeated names joined with commas). */
    public Map<String, String> query() {
        return query;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The size of the body in bytes, without decoding it (base64 is 4 characters per 3 bytes). */
    public long bodySize() {
        if (rawBody == null) {
            return 0;
        }
        return base64 ? rawBody.length() / 4L * 3 : rawBody.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The body's bytes; an undecodable base64 body is reported as {@link IllegalArgumentException}. */
    public byte[] body() {
        if (rawBody == null) {
            return new byte[0];
        }
        return base64 ? Base64.getDecoder().decode(rawBody) : rawBody.getBytes(StandardCharsets.UTF_8);
    }

    /** The media type of the body without parameters, lower-cased, e.g. {@code application/json}. */
    public Optional<String> mediaType() {
        return header("content-type")
                .map(v -> v.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .filter(v -> !v.isEmpty());
    }
}
