package dev.microdrop.merchant;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.merchant.InsiderPasses;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Insiders' early-access tokens: issued on request ({@code /insiders}) and with a flash restock. */
final class InsiderTokens {

    private final InsiderPasses passes;
    private final Responses responses;
    private final MerchantBodies bodies;

    InsiderTokens(InsiderPasses passes, Responses responses, MerchantBodies bodies) {
        this.passes = passes;
        this.responses = responses;
        this.bodies = bodies;
    }

    /** The tokens as the merchant receives them: e-mail, token, expiry. */
    static List<Map<String, String>> json(List<InsiderPasses.Pass> tokens) {
        return tokens.stream().map(pass -> Map.of("email", pass.email(), "token", pass.token(),
                "expiresAt", pass.expiresAt().toString())).toList();
    }

    /**
     * {@code POST /merchant/drops/{id}/insiders} with {@code {"emails": [...]}}: one access token per insider,
     * valid until the drop opens, or until the latest running flash-restock window ends if that is later. The
     * merchant sends each token to its buyer; a token works for that buyer only.
     */
    APIGatewayV2HTTPResponse insiders(DropSnapshot snapshot, HttpRequest request) {
        Optional<InsiderPasses.Outcome> refused = passes.refusal(snapshot);
        if (refused.isPresent()) {
            return answer(snapshot, refused.get());
        }
        MerchantBodies.Body read = bodies.object(request, Set.of("emails"), "{\"emails\": [...]}");
        if (read.problem() != null) {
            return read.problem();
        }
        JsonNode body = read.json();
        if (!body.path("emails").isArray() || body.path("emails").isEmpty()
                || body.path("emails").size() > 1_000) {
            return responses.problem(ProblemType.INVALID_REQUEST, "Send {\"emails\": [...]}, 1 to 1000 addresses.",
                    Map.of("errors", List.of(Map.of("pointer", "/emails", "detail", "must list 1 to 1000 e-mails"))),
                    Map.of());
        }
        List<String> emails = new java.util.ArrayList<>();
        for (JsonNode email : body.get("emails")) {
            if (!MerchantBodies.isEmail(email)) {
                return responses.problem(ProblemType.INVALID_REQUEST, "Every entry must be an e-mail address.",
                        Map.of("errors", List.of(Map.of("pointer", "/emails", "detail", "not an e-mail address"))),
                        Map.of());
            }
            emails.add(email.asText());
        }
        return answer(snapshot, passes.issue(snapshot, emails));
    }

    private APIGatewayV2HTTPResponse answer(DropSnapshot snapshot, InsiderPasses.Outcome outcome) {
        return switch (outcome) {
            case InsiderPasses.Issued issued -> responses.json(200, Map.of("tokens", json(issued.passes())),
                    Map.of("cache-control", "no-store"));
            case InsiderPasses.NoEarlyAccess ignored -> responses.problem(ProblemType.INVALID_REQUEST,
                    "This drop has no early access and no flash window running.", Map.of("errors",
                            List.of(Map.of("pointer", "/insiders", "detail", "not configured for this drop"))),
                    Map.of());
            case InsiderPasses.Over over -> responses.problem(ProblemType.EARLY_ACCESS_OVER, "Early access to "
                    + snapshot.drop().dropId() + " ended at " + over.endedAt() + " and no flash window is running; "
                    + "no token was issued.", Map.of("endedAt", over.endedAt().toString(),
                            "serverTime", over.now().toString()), Map.of());
        };
    }
}
