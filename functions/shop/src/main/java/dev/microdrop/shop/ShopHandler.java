package dev.microdrop.shop;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.audience.Audience;
import dev.microdrop.core.audience.ConfirmOutcome;
import dev.microdrop.core.audience.PrivacyRequests;
import dev.microdrop.core.audience.SignUpOutcome;
import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.checkout.Violation;
import dev.microdrop.core.shop.LoyaltyPasses;
import dev.microdrop.core.shop.Surveys;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import dev.microdrop.function.http.Routes;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop's audience over HTTP (docs/audience.md): {@code POST /shop/audience} (sign-up, mails the double opt-in
 * link), {@code POST /shop/audience/confirm}, and {@code POST /shop/unsubscribe?token=} (RFC 8058's one-click POST;
 * its {@code GET} changes nothing and sends a browser to the storefront's page, because mail scanners prefetch
 * links); with {@link PrivacyDoors}, a buyer's export and erasure by a mailed link ({@code /shop/privacy...}).
 * {@code POST /shop/survey} is the post-drop survey's one click; {@code GET /shop/kpis} is the merchant's ({@link
 * ShopKpiRoute}). Each route calls one use case operation and maps
 * its outcome; every refusal is problem JSON.
 */
public final class ShopHandler implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** A sign-up is an address, a version and at most 10 short tags: 4 KiB is plenty. */
    public static final int MAX_BODY_BYTES = 4 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ShopHandler.class);
    private static final Map<String, String> NO_STORE = Map.of("cache-control", "no-store");

    private final Audience audience;
    private final LoyaltyPasses passes;
    private final SignUpMails mails;
    private final UnsubscribeDoor unsubscribe;
    private final SurveyDoor survey;
    private final Responses responses;
    private final Clock clock;
    private final Routes<Void> routes;
    private final ShopBodies bodies;

    public ShopHandler(Audience audience, Surveys surveys, SignUpMails mails, URI unsubscribePage, ObjectMapper mapper,
            Responses responses, Clock clock) {
        this(audience, surveys, mails, unsubscribePage, mapper, responses, clock, Extras.NONE);
    }

    /**
     * What a shop may add to its audience's and survey's doors, each when given: the merchant's KPIs ({@code GET
     * /shop/kpis}), the privacy doors ({@code /shop/privacy...}, docs/audience.md), and the loyalty passes a
     * confirmation may earn (a past buyer who subscribes once the next drop is announced).
     */
    public record Extras(ShopKpiRoute kpis, PrivacyRequests privacy, PrivacyMails privacyMails, LoyaltyPasses passes) {
        public static final Extras NONE = new Extras(null, null, null, null);
    }

    public ShopHandler(Audience audience, Surveys surveys, SignUpMails mails, URI unsubscribePage, ObjectMapper mapper,
            Responses responses, Clock clock, Extras extras) {
        ShopKpiRoute kpis = extras.kpis();
        PrivacyRequests privacy = extras.privacy();
        PrivacyMails privacyMails = extras.privacyMails();
        this.passes = extras.passes();
        this.audience = audience;
        this.mails = mails;
        this.responses = responses;
        this.clock = clock;
        this.bodies = new ShopBodies(mapper, responses);
        this.unsubscribe = new UnsubscribeDoor(audience, unsubscribePage, bodies, responses, clock);
        this.survey = new SurveyDoor(surveys, bodies, responses);
        PrivacyDoors doors = privacy == null ? null : new PrivacyDoors(privacy, privacyMails, bodies, responses, clock);
        Routes.Builder<Void> builder = Routes.<Void>builder();
        if (kpis != null) {
            builder.get("/shop/kpis", (none, request, path) -> kpis.get(request));
        }
        if (doors != null) {
            builder.post("/shop/privacy", (none, request, path) -> doors.request(request))
                    .get("/shop/privacy/export", (none, request, path) -> doors.export(request))
                    .post("/shop/privacy/erase", (none, request, path) -> doors.erase(request));
        }
        this.routes = builder
                .post("/shop/audience", (none, request, path) -> bodies.json(request, "the sign-up", this::signUp))
                .post("/shop/audience/confirm", (none, request, path) -> bodies.json(request, "the confirmation",
                        this::confirm))
                .post("/shop/unsubscribe", (none, request, path) -> unsubscribe.post(request))
                .get("/shop/unsubscribe", (none, request, path) -> unsubscribe.get(request))
                .post("/shop/survey", (none, request, path) -> survey.post(request))
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
        try {
            return routes.route(null, HttpRequest.of(event), responses);
        } catch (RuntimeException e) {
            log.error("shop request failed unexpectedly", e);
            return responses.problem(ProblemType.INTERNAL, "Something went wrong on our side; try again in a moment.");
        }
    }

    /**
     * 202 {@code pending} whether the address is new, pending or already subscribed: the answer never tells who is
     * in the audience; the mail to the address is what proves it is theirs.
     */
    private APIGatewayV2HTTPResponse signUp(JsonNode body) {
        List<Violation> shape = new ArrayList<>();
        String email = ShopBodies.text(body, "email", shape);
        String version = ShopBodies.text(body, "consentTextVersion", shape);
        String hub = body.hasNonNull("homeHubId") ? ShopBodies.text(body, "homeHubId", shape) : null;
        List<String> interests = new ArrayList<>();
        JsonNode tags = body.path("interests");
        if (!tags.isMissingNode() && !tags.isNull()) {
            if (!tags.isArray()) {
                shape.add(new Violation("/interests", "must be an array of interests"));
            } else {
                for (int i = 0; i < tags.size(); i++) {
                    interests.add(tags.get(i).isTextual() ? tags.get(i).asText() : null);
                }
            }
        }
        if (!shape.isEmpty()) {
            return bodies.invalid(shape);
        }
        return switch (audience.signUp(email, version, interests, hub, clock.instant())) {
            case SignUpOutcome.Invalid invalid -> bodies.invalid(invalid.violations());
            case SignUpOutcome.Pending pending -> {
                mails.send(email, pending);
                yield pending();
            }
            case SignUpOutcome.AlreadySubscribed subscribed -> pending();
        };
    }

    private APIGatewayV2HTTPResponse confirm(JsonNode body) {
        List<Violation> shape = new ArrayList<>();
        String token = ShopBodies.text(body, "token", shape);
        if (!shape.isEmpty()) {
            return bodies.invalid(shape);
        }
        return switch (audience.confirm(token, clock.instant())) {
            case ConfirmOutcome.Confirmed confirmed -> {
                passOnConfirmation(confirmed.member().buyerId());
                yield state("subscribed");
            }
            case ConfirmOutcome.AlreadyConfirmed confirmed -> {
                // The link clicked again: a pass that failed the first time gets its second chance (sent once).
                passOnConfirmation(confirmed.member().buyerId());
                yield state("subscribed");
            }
            case ConfirmOutcome.TokenRefused refused -> bodies.linkInvalid("This confirmation link does not work: "
                    + refused.refusal().sentence() + ". Sign up again for a new one.", refused.refusal().code());
            case ConfirmOutcome.NothingPending nothing -> bodies.linkInvalid("This sign-up is no longer waiting for a "
                    + "confirmation (it was withdrawn since). Sign up again to subscribe.", "not-pending");
        };
    }

    /**
     * A past buyer who subscribes after the next drop was announced is owed its pass now (sent in this request, like
     * the confirmation mail: one person, one or two mails). The confirmation is written already, so a failure here is
     * logged and the pass waits for the next purchase or publication.
     */
    private void passOnConfirmation(BuyerId buyer) {
        if (passes == null) {
            return;
        }
        try {
            log.info("confirmation of {}: loyalty passes {}", buyer.value(), passes.qualified(buyer));
        } catch (RuntimeException e) {
            // The class only: a mail service's message may quote the address.
            log.warn("confirmation of {}: no pass sent now ({})", buyer.value(), e.getClass().getName());
        }
    }

    private APIGatewayV2HTTPResponse pending() {
        return responses.json(202, Map.of("state", "pending"), NO_STORE);
    }

    private APIGatewayV2HTTPResponse state(String state) {
        return responses.json(200, Map.of("state", state), NO_STORE);
    }

}
