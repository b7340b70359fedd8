package dev.microdrop.checkout;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.checkout.BuyerDoors;
import dev.microdrop.core.checkout.CheckoutCommand;
import dev.microdrop.core.checkout.CheckoutUseCase;
import dev.microdrop.core.checkout.PreorderUseCase;
import dev.microdrop.core.checkout.Validated;
import dev.microdrop.core.checkout.WaitlistUseCase;
import dev.microdrop.core.order.OrderReader;
import dev.microdrop.core.order.OrderTokens;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.JsonBody;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import dev.microdrop.function.http.Routes;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /checkout}, {@code POST /preorders} and {@code POST /waitlist} (one body), {@code GET /orders/{id}}:
 * turns the function-URL event into a {@link CheckoutCommand}, calls the door's one use case, and maps its outcome
 * to a status ({@link CheckoutAnswers}). Every refusal is problem JSON; nothing here writes to the table.
 */
public final class CheckoutHandler implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** A checkout body is a few hundred bytes; 16 KiB leaves room for 25 lines and long addresses. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Logger log = LoggerFactory.getLogger(CheckoutHandler.class);

    private final CheckoutUseCase checkout;
    private final WaitlistUseCase waitlists;
    private final PreorderUseCase preorders;
    private final OrderReader orders;
    private final OrderTokens tokens;
    private final ObjectMapper mapper;
    private final Responses responses;
    private final CheckoutAnswers answers;
    private final Routes<Void> routes;

    public CheckoutHandler(BuyerDoors doors, OrderReader orders, OrderTokens tokens, ObjectMapper mapper,
            Responses responses) {
        this.checkout = doors.checkout();
        this.waitlists = doors.waitlist();
        this.preorders = doors.preorders();
        this.orders = orders;
        this.tokens = tokens;
        this.mapper = mapper;
        this.responses = responses;
        this.answers = new CheckoutAnswers(tokens, responses);
        this.routes = Routes.<Void>builder()
                .post("/checkout", (none, request, path) -> command(request,
                        command -> answers.checkout(checkout.checkout(command))))
                .post("/waitlist", (none, request, path) -> command(request,
                        command -> answers.waitlist(waitlists.joinWaitlist(command))))
                .post("/preorders", (none, request, path) -> command(request,
                        command -> answers.preorder(preorders.preorder(command))))
                .get("/orders/{orderId}", (none, request, path) -> order(request, path.get("orderId")))
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
        try {
            return routes.route(null, HttpRequest.of(event), responses);
        } catch (RuntimeException e) {
            // The unexpected: logged with its stack trace for us, a generic problem for the caller.
            log.error("checkout failed unexpectedly", e);
            return responses.problem(ProblemType.INTERNAL, "Something went wrong on our side; nothing was held.");
        }
    }

    /** The body's checks every door of the checkout shares, then the use case, then its answer. */
    private APIGatewayV2HTTPResponse command(HttpRequest request,
            Function<CheckoutCommand, APIGatewayV2HTTPResponse> useCase) {
        if (request.mediaType().filter(t -> t.equals("application/json")).isEmpty()) {
            return responses.problem(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the checkout as Content-Type: application/json.");
        }
        if (request.bodySize() > MAX_BODY_BYTES) {
            return responses.problem(ProblemType.PAYLOAD_TOO_LARGE,
                    "A checkout body is at most " + MAX_BODY_BYTES + " bytes.");
        }
        String key = request.header("idempotency-key").orElse(null);
        if (key == null) {
            return responses.problem(ProblemType.IDEMPOTENCY_KEY_MISSING,
                    "Send an Idempotency-Key header (e.g. a UUID) so a retried checkout never holds twice.");
        }
        JsonNode body;
        switch (JsonBody.read(mapper, request)) {
            case JsonBody.Malformed malformed -> {
                return responses.problem(ProblemType.MALFORMED_JSON, malformed.detail());
            }
            case JsonBody.Document document -> body = document.json();
        }
        return switch (CheckoutRequestParser.parse(key, body)) {
            case Validated.Invalid<CheckoutCommand> invalid -> answers.invalid(invalid.violations());
            case Validated.Valid<CheckoutCommand> valid -> useCase.apply(valid.value());
        };
    }

    /**
     * {@code GET /orders/{orderId}} with {@code Authorization: Bearer <orderToken>}: the order's state for its
     * buyer. A wrong token and an unknown order get the same 404, so ids cannot be probed.
     */
    private APIGatewayV2HTTPResponse order(HttpRequest request, String orderId) {
        String authorization = request.header("authorization").orElse("");
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return responses.problem(ProblemType.UNAUTHORIZED, "Send the orderToken from the checkout as "
                    + "Authorization: Bearer <orderToken>.", Map.of(), Map.of("www-authenticate", "Bearer"));
        }
        if (!tokens.verify(orderId, authorization.substring(7).strip())) {
            return responses.problem(ProblemType.ORDER_NOT_FOUND, "No order with that id and token.");
        }
        return orders.find(orderId)
                .map(order -> responses.json(200, OrderJson.of(order, preorders.paymentDue(order).orElse(null), null),
                        Map.of("cache-control", "no-store")))
                .orElseGet(() -> responses.problem(ProblemType.ORDER_NOT_FOUND, "No order with that id and token."));
    }

}
