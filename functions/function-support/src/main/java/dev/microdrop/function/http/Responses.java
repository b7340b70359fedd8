package dev.microdrop.function.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds function-URL responses: JSON bodies and RFC 9457 problem documents. */
public final class Responses {

    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    private final ObjectMapper mapper;

    public Responses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public APIGatewayV2HTTPResponse json(int status, Object body, Map<String, String> headers) {
        return raw(status, write(body), JSON, headers);
    }

    public APIGatewayV2HTTPResponse raw(int status, String body, String contentType, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("content-type", contentType);
        all.putAll(headers);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(all)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }

    public APIGatewayV2HTTPResponse empty(int status, Map<String, String> headers) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(new LinkedHashMap<>(headers))
                .withIsBase64Encoded(false)
                .build();
    }

    public APIGatewayV2HTTPResponse problem(ProblemType type, String detail) {
        return problem(type, detail, Map.of(), Map.of());
    }

    /**
     * A problem document: {@code type}, {@code title}, {@code status}, {@code detail}, plus extension members
     * (e.g. {@code errors}, {@code remaining}). Problems are never cached.
     */
    public APIGatewayV2HTTPResponse problem(ProblemType type, String detail, Map<String, ?> extensions,
            Map<String, String> headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri());
        body.put("title", type.title());
        body.put("status", type.status());
        body.put("detail", detail);
        body.putAll(extensions);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("cache-control", "no-store");
        all.putAll(headers);
        return raw(type.status(), write(body), PROBLEM_JSON, all);
    }

    public APIGatewayV2HTTPResponse methodNotAllowed(String method, List<String> allowed) {
        return problem(ProblemType.METHOD_NOT_ALLOWED, method + " is not supported here",
                Map.of(), Map.of("allow", String.join(", ", allowed)));
    }

    public String write(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }
}
