package dev.microdrop.merchant;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.buyer.EmailAddress;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.JsonBody;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import dev.microdrop.infrastructure.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the merchant routes read their bodies: as every route reads JSON ({@link JsonBody}), as an object with only
 * the members a route knows; and the small value checks they share.
 */
final class MerchantBodies {

    private final ObjectMapper json = Json.mapper();
    private final Responses responses;

    MerchantBodies(Responses responses) {
        this.responses = responses;
    }

    /**
     * The body as a JSON object with only {@code members}, read by the policy every route shares
     * ({@link JsonBody}); otherwise the problem to answer: 400 when it is not one JSON document, 422 naming each
     * member that is not one of {@code members}, or a body that is not an object.
     */
    Body object(HttpRequest request, Set<String> members, String shape) {
        switch (JsonBody.read(json, request)) {
            case JsonBody.Malformed malformed -> {
                return new Body(null, responses.problem(ProblemType.MALFORMED_JSON, malformed.detail()));
            }
            case JsonBody.Document document -> {
                JsonNode body = document.json();
                List<Map<String, String>> errors = new java.util.ArrayList<>();
                if (!body.isObject()) {
                    errors.add(Map.of("pointer", "", "detail", "must be a JSON object: " + shape));
                } else {
                    body.fieldNames().forEachRemaining(name -> {
                        if (!members.contains(name)) {
                            errors.add(Map.of("pointer", "/" + name.replace("~", "~0").replace("/", "~1"),
                                    "detail", "is not a member here; send " + shape));
                        }
                    });
                }
                return errors.isEmpty() ? new Body(body, null) : new Body(null, responses.problem(
                        ProblemType.INVALID_REQUEST, "The body has problems; see errors.", Map.of("errors", errors),
                        Map.of()));
            }
        }
    }

    /** A JSON object body, or the problem to answer instead. */
    record Body(JsonNode json, APIGatewayV2HTTPResponse problem) {
    }

    static Integer wholeNumber(JsonNode node, int min, int max) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            return null;
        }
        int value = node.intValue();
        return value < min || value > max ? null : value;
    }

    static boolean isEmail(JsonNode email) {
        return email != null && email.isTextual() && EmailAddress.isAddress(email.asText());
    }

    /** A path segment as a merchant may be shown it: at most 32 characters, printable ASCII only. */
    static String printable(String text) {
        String shown = text.length() > 32 ? text.substring(0, 32) + "..." : text;
        return shown.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? shown : "(not printable)";
    }
}
