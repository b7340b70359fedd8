package dev.microdrop.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.function.http.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Does locally what a Lambda function URL does on AWS: turns an HTTP request into the HTTP API v2 payload,
 * invokes the function, and writes its response back. Bodies that are not text (or not UTF-8) are base64-encoded,
 * headers are lower-cased and repeated headers joined with commas, as function URLs do.
 */
final class FunctionUrlBridge {

    /** Function URLs refuse request payloads over 6 MB before the function runs. */
    static final int MAX_PAYLOAD = 6 * 1024 * 1024;

    private FunctionUrlBridge() {
    }

    /**
     * Serves one request with {@code function}, behind {@code cors}, the function URL's CORS configuration (null
     * if it has none).
     */
    static void serve(Request request, Response response, Callback callback,
            Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function, FunctionUrlCors cors) throws IOException {
        boolean head = request.getMethod().equals("HEAD");
        String origin = request.getHeaders().get("origin");
        if (cors != null && FunctionUrlCors.isPreflight(request.getMethod(), origin,
                request.getHeaders().get("access-control-request-method"))) {
            write(response, APIGatewayV2HTTPResponse.builder().withStatusCode(204)
                    .withHeaders(cors.preflight(origin)).build(), Map.of(), head, callback);
            return;
        }
        byte[] body = request.getLength() > MAX_PAYLOAD ? null : readBody(Content.Source.asInputStream(request));
        if (body == null) {
            // Unread, the rest of the body would be taken for the next request: this connection ends here.
            write(response, withCors(Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than "
                    + MAX_PAYLOAD + " bytes, the most a function URL passes to a function."), cors, origin),
                    Map.of("connection", "close"), head, callback);
            return;
        }
        APIGatewayV2HTTPResponse answer;
        try {
            answer = function.apply(event(request.getMethod(), request.getHttpURI().getPath(),
                    request.getHttpURI().getQuery(), headers(request.getHeaders()), body,
                    request.getConnectionMetaData().getProtocol(), Request.getRemoteAddr(request)));
        } catch (RuntimeException e) {
            // A function maps what it expects to problems itself; this is a bug, and its stack trace is for the
            // developer's terminal, not for the client.
            System.err.println("microdrop local: " + request.getMethod() + " " + request.getHttpURI().getPath()
                    + " failed in its function:");
            e.printStackTrace();
            answer = Problem.of(ProblemType.INTERNAL, "The function failed; the local runtime's output says why.");
        }
        write(response, withCors(answer, cors, origin), Map.of(), head, callback);
    }

    private static APIGatewayV2HTTPResponse withCors(APIGatewayV2HTTPResponse answer, FunctionUrlCors cors, String origin) {
        if (cors != null) {
            answer.setHeaders(cors.apply(answer.getHeaders() == null ? Map.of() : answer.getHeaders(), origin));
        }
        return answer;
    }

    /** Headers as function URLs pass them: names lower-cased, the values of a repeated header joined with commas. */
    static Map<String, String> headers(HttpFields fields) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpField field : fields) {
            headers.merge(field.getName().toLowerCase(Locale.ROOT), field.getValue(), (a, b) -> a + "," + b);
        }
        return headers;
    }

    static APIGatewayV2HTTPEvent event(String method, String rawPath, String rawQuery, Map<String, String> headers,
            byte[] body, String protocol, String sourceIp) {
        String text = isText(headers.getOrDefault("content-type", "")) ? utf8(body) : null;
        Instant now = Instant.now();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(rawPath)
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withQueryStringParameters(queryParameters(rawQuery))
                .withHeaders(headers)
                .withBody(body.length == 0 ? null : text != null ? text : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && text == null)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(UUID.randomUUID().toString())
                        .withDomainName("localhost")
                        .withTimeEpoch(now.toEpochMilli())
                        .withTime(DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
                                .format(now.atOffset(ZoneOffset.UTC)))
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(rawPath)
                                .withProtocol(protocol)
                                .withSourceIp(sourceIp)
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
        Map<String, String> parameters = new LinkedHashMap<>();
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

    /**
     * The body as text, or null if it is not UTF-8: then it goes base64-encoded, byte for byte, and the function
     * decides (decoding it leniently would hand it U+FFFD where the client sent other bytes).
     */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }

    /** Writes a function-URL response (or one of the local runtime's own), plus {@code extra} headers. */
    static void write(Response response, APIGatewayV2HTTPResponse answer, Map<String, String> extra, boolean head,
            Callback callback) {
        response.setStatus(answer.getStatusCode());
        if (answer.getHeaders() != null) {
            answer.getHeaders().forEach((name, value) -> response.getHeaders().put(name, value));
        }
        extra.forEach((name, value) -> response.getHeaders().put(name, value));
        byte[] body = answer.getBody() == null ? new byte[0]
                : answer.getIsBase64Encoded() ? Base64.getDecoder().decode(answer.getBody())
                : answer.getBody().getBytes(StandardCharsets.UTF_8);
        boolean empty = head || body.length == 0 || answer.getStatusCode() == 304 || answer.getStatusCode() == 204;
        response.write(true, empty ? null : ByteBuffer.wrap(body), callback);
    }

    /** The body, or null if it is larger than a function URL accepts. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_PAYLOAD + 1);
        return body.length > MAX_PAYLOAD ? null : body;
    }
}
