package dev.microdrop.shop;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.audience.Audience;
import dev.microdrop.core.audience.UnsubscribeOutcome;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.Responses;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * {@code /shop/unsubscribe?token=}: RFC 8058's one-click POST unsubscribes; its GET (a browser, or a mail scanner
 * prefetching links) changes nothing and sends the browser to the storefront's page, whose button sends the POST.
 */
final class UnsubscribeDoor {

    private static final String NO_TOKEN = "This unsubscribe link has no token; use the link from the mail as it is.";

    private final Audience audience;
    private final URI page;
    private final ShopBodies bodies;
    private final Responses responses;
    private final Clock clock;

    UnsubscribeDoor(Audience audience, URI page, ShopBodies bodies, Responses responses, Clock clock) {
        this.audience = audience;
        this.page = page;
        this.bodies = bodies;
        this.responses = responses;
        this.clock = clock;
    }

    /**
     * The one-click POST, whose body a mail client sends as {@code List-Unsubscribe=One-Click}: the POST itself is
     * the request, whatever its body (form- or multipart-encoded); a second POST answers the same.
     */
    APIGatewayV2HTTPResponse post(HttpRequest request) {
        String token = request.query().get("token");
        if (token == null || token.isBlank()) {
            return bodies.linkInvalid(NO_TOKEN, "malformed");
        }
        return switch (audience.unsubscribe(token, clock.instant())) {
            case UnsubscribeOutcome.Unsubscribed unsubscribed -> unsubscribed();
            case UnsubscribeOutcome.NothingToWithdraw nothing -> unsubscribed();
            case UnsubscribeOutcome.TokenRefused refused -> bodies.linkInvalid("This unsubscribe link does not work: "
                    + refused.refusal().sentence() + ".", refused.refusal().code());
        };
    }

    /** Nothing changes: 303 to the storefront's page. */
    APIGatewayV2HTTPResponse get(HttpRequest request) {
        String token = request.query().get("token");
        if (token == null || token.isBlank()) {
            return bodies.linkInvalid(NO_TOKEN, "malformed");
        }
        return responses.empty(303, Map.of("location", page + "?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8), "cache-control", "no-store"));
    }

    private APIGatewayV2HTTPResponse unsubscribed() {
        return responses.json(200, Map.of("state", "unsubscribed"), Map.of("cache-control", "no-store"));
    }
}
