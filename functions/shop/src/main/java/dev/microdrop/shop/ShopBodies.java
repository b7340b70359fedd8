package dev.microdrop.shop;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.checkout.Violation;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.JsonBody;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** How the shop's JSON doors read a body: its media type, size and shape, each refusal a problem that names it. */
final class ShopBodies {

    private final ObjectMapper mapper;
    private final Responses responses;

    ShopBodies(ObjectMapper mapper, Responses responses) {
        this.mapper = mapper;
        this.responses = responses;
    }

    /** The checks every JSON route shares (the media type, the size, well-formed JSON, an object), then the route. */
    APIGatewayV2HTTPResponse json(HttpRequest request, String what,
            Function<JsonNode, APIGatewayV2HTTPResponse> route) {
        if (request.mediaType().filter(t -> t.equals("application/json")).isEmpty()) {
            return responses.problem(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send " + what + " as Content-Type: application/json.");
        }
        if (request.bodySize() > ShopHandler.MAX_BODY_BYTES) {
            return responses.problem(ProblemType.PAYLOAD_TOO_LARGE,
                    "A request body here is at most " + ShopHandler.MAX_BODY_BYTES + " bytes.");
        }
        return switch (JsonBody.read(mapper, request)) {
            case JsonBody.Malformed malformed -> responses.problem(ProblemType.MALFORMED_JSON, malformed.detail());
            case JsonBody.Document document -> document.json().isObject() ? route.apply(document.json())
                    : invalid(List.of(new Violation("", "must be a JSON object")));
        };
    }

    APIGatewayV2HTTPResponse invalid(List<Violation> violations) {
        return responses.problem(ProblemType.INVALID_REQUEST, "The request has " + violations.size()
                + (violations.size() == 1 ? " problem" : " problems") + "; see errors.",
                Map.of("errors", violations), Map.of());
    }

    static String text(JsonNode body, String field, List<Violation> violations) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull()) {
            violations.add(new Violation("/" + field, "is required"));
            return null;
        }
        if (!node.isTextual()) {
            violations.add(new Violation("/" + field, "must be a string"));
            return null;
        }
        return node.asText();
    }

    /** {@code link-invalid}: a mailed link that is not ours, changed, expired or for something else; {@code reason} says which. */
    APIGatewayV2HTTPResponse linkInvalid(String detail, String reason) {
        return responses.problem(ProblemType.LINK_INVALID, detail, Map.of("reason", reason), Map.of());
    }
}
