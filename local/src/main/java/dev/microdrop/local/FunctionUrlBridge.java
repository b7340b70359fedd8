package dev.microdrop.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Does locally what a Lambda function URL does on AWS: turns an HTTP request into the HTTP API v2 payload,
 * invokes the function, and writes its response back. Bodies that are not text are base64-encoded, headers are
 * lower-cased and repeated headers joined with commas, as function URLs do.
 */
final class FunctionUrlBridge {

    /** Function URLs refuse request payloads over 6 MB before the function runs. */
    static final int MAX_PAYLOAD = 6 * 1024 * 1024;

    private FunctionUrlBridge() {
    }

    static void serve(HttpExchange exchange, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function)
            throws IOException {
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            write(exchange, 413, Map.of("content-type", "application/problem+json"),
                    "{\"type\":\"about:blank\",\"title\":\"Payload Too Large\",\"status\":413}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        APIGatewayV2HTTPResponse response = function.apply(event(exchange, body));
        byte[] out = response.getBody() == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
        write(exchange, response.getStatusCode(), headers, exchange.getRequestMethod().equals("HEAD") ? null : out);
    }

    static APIGatewayV2HTTPEvent event(HttpExchange exchange, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        String contentType = headers.getOrDefault("content-type", "");
        boolean text = isText(contentType);
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Instant now = Instant.now();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString(exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery())
                .withQueryStringParameters(queryParameters(exchange.getRequestURI().getRawQuery()))
                .withHeaders(headers)
                .withBody(body.length == 0 ? null
                        : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && !text)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(UUID.randomUUID().toString())
                        .withDomainName("localhost")
                        .withTimeEpoch(now.toEpochMilli())
                        .withTime(DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
                                .format(now.atOffset(ZoneOffset.UTC)))
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .withProtocol(exchange.getProtocol())
                                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                                .withUserAgent(headers.get("user-agent"))
                                .build())
                        .build())
                .build();
    }

    /**
     * The query's parameters, decoded, as function URLs pass them: repeated names joined with commas; none is
     * null, as on AWS.
     */
    static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters.isEmpty() ? null : parameters;
    }

    /** The types function URLs pass as text; everything else arrives base64-encoded. */
    static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.startsWith("application/javascript") || type.startsWith("application/x-www-form-urlencoded");
    }

    static void write(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().put(name, List.of(value)));
        boolean empty = body == null || body.length == 0 || status == 304 || status == 204;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    /** The body, or null if it is larger than a function URL accepts. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_PAYLOAD + 1);
        return body.length > MAX_PAYLOAD ? null : body;
    }
}
