package dev.microdrop.shop;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.audience.PrivacyOutcome;
import dev.microdrop.core.audience.PrivacyRequestOutcome;
import dev.microdrop.core.audience.PrivacyRequests;
import dev.microdrop.core.checkout.Violation;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.Responses;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shop's privacy doors (docs/audience.md): {@code POST /shop/privacy} mails an export or erasure link to the
 * address (202 whoever asks: the answer never tells who is known), {@code GET /shop/privacy/export?token=} answers
 * the export, {@code POST /shop/privacy/erase} erases. Each calls one {@link PrivacyRequests} operation and maps its
 * outcome; every refusal is problem JSON. The answers are {@code no-store}: they are one person's data.
 */
final class PrivacyDoors {

    private static final Map<String, String> NO_STORE = Map.of("cache-control", "no-store");

    private final PrivacyRequests privacy;
    private final PrivacyMails mails;
    private final ShopBodies bodies;
    private final Responses responses;
    private final Clock clock;

    PrivacyDoors(PrivacyRequests privacy, PrivacyMails mails, ShopBodies bodies, Responses responses, Clock clock) {
        this.privacy = privacy;
        this.mails = mails;
        this.bodies = bodies;
        this.responses = responses;
        this.clock = clock;
    }

    APIGatewayV2HTTPResponse request(HttpRequest request) {
        return bodies.json(request, "the privacy request", this::request);
    }

    private APIGatewayV2HTTPResponse request(JsonNode body) {
        List<Violation> shape = new ArrayList<>();
        String email = ShopBodies.text(body, "email", shape);
        String kind = ShopBodies.text(body, "request", shape);
        if (!shape.isEmpty()) {
            return bodies.invalid(shape);
        }
        return switch (privacy.request(email, kind, clock.instant())) {
            case PrivacyRequestOutcome.Invalid invalid -> bodies.invalid(invalid.violations());
            case PrivacyRequestOutcome.MailLink link -> {
                mails.send(link);
                yield responses.json(202, new PrivacyAnswers.Mailed(link.request().code(), "mailed"), NO_STORE);
            }
        };
    }

    APIGatewayV2HTTPResponse export(HttpRequest request) {
        String token = request.query().get("token");
        if (token == null || token.isBlank()) {
            return bodies.linkInvalid("This link has no token; use the link from the mail as it is.", "malformed");
        }
        return answer(privacy.export(token, clock.instant()));
    }

    APIGatewayV2HTTPResponse erase(HttpRequest request) {
        return bodies.json(request, "the erasure", body -> {
            List<Violation> shape = new ArrayList<>();
            String token = ShopBodies.text(body, "token", shape);
            if (!shape.isEmpty()) {
                return bodies.invalid(shape);
            }
            return answer(privacy.erase(token, clock.instant()));
        });
    }

    private APIGatewayV2HTTPResponse answer(PrivacyOutcome outcome) {
        return switch (outcome) {
            case PrivacyOutcome.TokenRefused refused -> bodies.linkInvalid("This link does not work: "
                    + refused.refusal().sentence() + ". Ask again for a new one.", refused.refusal().code());
            case PrivacyOutcome.Exported exported -> responses.json(200, PrivacyAnswers.export(exported.export()),
                    NO_STORE);
            case PrivacyOutcome.Erased erased -> responses.json(200,
                    PrivacyAnswers.erasure(erased.audience(), erased.stores()), NO_STORE);
        };
    }

}
