package dev.microdrop.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import dev.microdrop.infrastructure.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal the local runtime writes itself, in the shape the functions use (RFC 9457, never cached): the
 * functions' own {@link Responses} for their {@link ProblemType}s, the same shape for a {@link LocalProblemType}.
 */
public final class Problem {

    private static final ObjectMapper JSON = Json.mapper();
    private static final Responses RESPONSES = new Responses(JSON);

    private Problem() {
    }

    public static APIGatewayV2HTTPResponse of(ProblemType type, String detail) {
        return RESPONSES.problem(type, detail);
    }

    static APIGatewayV2HTTPResponse of(LocalProblemType type, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri());
        body.put("title", type.title());
        body.put("status", type.status());
        body.put("detail", detail);
        return RESPONSES.raw(type.status(), RESPONSES.write(body), Responses.PROBLEM_JSON,
                Map.of("cache-control", "no-store"));
    }
}
