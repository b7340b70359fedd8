package dev.microdrop.merchant;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.AccessTokens;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.merchant.InsiderAccess;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import dev.microdrop.infrastructure.dynamodb.DynamoDbMerchantViews;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Insiders' early-access tokens: issued on request ({@code /insiders}) and with a flash restock. */
final class InsiderTokens {

    private final DynamoDbMerchantViews views;
    private final BuyerIds buyerIds;
    private final AccessTokens accessTokens;
    private final Clock clock;
    private final Responses responses;
    private final MerchantBodies bodies;

    InsiderTokens(DynamoDbMerchantViews views, BuyerIds buyerIds, AccessTokens accessTokens, Clock clock,
            Responses responses, MerchantBodies bodies) {
        this.views = views;
        this.buyerIds = buyerIds;
        this.accessTokens = accessTokens;
        this.clock = clock;
        this.responses = responses;
        this.bodies = bodies;
    }

    /**
     * One access token per e-mail, for that buyer and this drop, until {@code expiresAt}. Who got one is recorded
     * (by buyer id): the KPIs count them as notified.
     */
    List<Map<String, String>> tokens(String dropId, List<String> emails, java.time.Instant expiresAt) {
        views.recordInsiders(dropId, emails.stream().map(buyerIds::of).toList(), expiresAt, clock.instant());
        return emails.stream().map(email -> Map.of("email", email, "token",
                accessTokens.issue(dropId, buyerIds.of(email), expiresAt), "expiresAt", expiresAt.toString())).toList();
    }

    /**
     * {@code POST /merchant/drops/{id}/insiders} with {@code {"emails": [...]}}: one access token per insider,
     * valid until the drop opens, or until the latest running flash-restock window ends if that is later. The
     * merchant sends each token to its buyer; a token works for that buyer only.
     */
    APIGatewayV2HTTPResponse insiders(DropSnapshot snapshot, HttpRequest request) {
        java.time.Instant now = clock.instant();
        java.time.Instant expiresAt;
        switch (InsiderAccess.tokenWindow(snapshot, now)) {
            case InsiderAccess.Until until -> expiresAt = until.until();
            case InsiderAccess.NoEarlyAccess ignored -> {
                return responses.problem(ProblemType.INVALID_REQUEST,
                        "This drop has no early access and no flash window running.", Map.of("errors",
                                List.of(Map.of("pointer", "/insiders", "detail", "not configured for this drop"))),
                        Map.of());
            }
            case InsiderAccess.Over over -> {
                return responses.problem(ProblemType.EARLY_ACCESS_OVER, "Early access to " + snapshot.drop().dropId()
                        + " ended at " + over.endedAt() + " and no flash window is running; no token was issued.",
                        Map.of("endedAt", over.endedAt().toString(), "serverTime", now.toString()), Map.of());
            }
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
        return responses.json(200, Map.of("tokens", tokens(snapshot.drop().dropId(), emails, expiresAt)),
                Map.of("cache-control", "no-store"));
    }
}
