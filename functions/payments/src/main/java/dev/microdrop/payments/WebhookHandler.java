package dev.microdrop.payments;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.lifecycle.LifecycleOutcome;
import dev.microdrop.core.lifecycle.OrderLifecycle;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import dev.microdrop.function.http.Routes;
import dev.microdrop.infrastructure.payments.StripeWebhooks;
import dev.microdrop.infrastructure.payments.WebhookResult;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/payments}: verifies the {@code Stripe-Signature} over the raw body (decoded from base64
 * where the function URL encoded it), then applies the event once. A refused signature writes nothing. Every
 * verified event is acknowledged with 200, including unknown types and duplicates; only an unexpected failure
 * answers 500, so the provider retries it. Any other path is {@code 404}, another method {@code 405}.
 */
public final class WebhookHandler implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Stripe's events are a few KiB; anything near this is not one. */
    public static final int MAX_BODY_BYTES = 512 * 1024;
    static final String PATH = "/webhooks/payments";

    private static final Logger log = LoggerFactory.getLogger(WebhookHandler.class);

    private final StripeWebhooks webhooks;
    private final OrderLifecycle lifecycle;
    private final Responses responses;
    private final Routes<Void> routes = Routes.<Void>builder()
            .post(PATH, (none, request, path) -> receive(request))
            .build();

    public WebhookHandler(StripeWebhooks webhooks, OrderLifecycle lifecycle, Responses responses) {
        this.webhooks = webhooks;
        this.lifecycle = lifecycle;
        this.responses = responses;
    }

    @Override
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
        return routes.route(null, HttpRequest.of(event), responses);
    }

    private APIGatewayV2HTTPResponse receive(HttpRequest request) {
        if (request.bodySize() > MAX_BODY_BYTES) {
            return responses.problem(ProblemType.PAYLOAD_TOO_LARGE, "A webhook body is at most " + MAX_BODY_BYTES + " bytes.");
        }
        String payload;
        try {
            payload = new String(request.body(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException undecodable) {
            return responses.problem(ProblemType.SIGNATURE_INVALID, "The body could not be decoded.");
        }
        WebhookResult result = webhooks.verify(payload, request.header("stripe-signature").orElse(null));
        return switch (result) {
            case WebhookResult.Refused refused -> {
                log.warn("webhook refused: {}", refused.reason());
                yield responses.problem(ProblemType.SIGNATURE_INVALID, "Refused: " + refused.reason() + ".");
            }
            case WebhookResult.Verified verified -> {
                try {
                    LifecycleOutcome outcome = lifecycle.apply(verified.event());
                    log.info("webhook {} {}: {}", verified.event().eventId(), verified.event().type(), outcome);
                    yield responses.json(200, Map.of("received", true, "outcome", name(outcome)), Map.of());
                } catch (RuntimeException e) {
                    log.error("webhook {} failed; the provider will retry", verified.event().eventId(), e);
                    yield responses.problem(ProblemType.INTERNAL, "Not applied; retry later.");
                }
            }
        };
    }

    private static String name(LifecycleOutcome outcome) {
        return switch (outcome) {
            case LifecycleOutcome.Applied applied -> "applied:" + applied.status().spelling();
            case LifecycleOutcome.Duplicate ignored -> "duplicate";
            case LifecycleOutcome.Ignored ignored -> "ignored";
            case LifecycleOutcome.RefundedAutomatically ignored -> "refunded-automatically";
            // Acknowledged (the provider would retry a refusal forever); the merchant sees PaymentRejected.
            case LifecycleOutcome.Rejected rejected -> "rejected:" + rejected.reason().code();
            case LifecycleOutcome.NotExpired ignored -> "ignored";
        };
    }
}
