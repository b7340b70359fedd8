package dev.microdrop.checkout;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.checkout.CheckoutCommand;
import dev.microdrop.core.checkout.CheckoutOutcome;
import dev.microdrop.core.checkout.CheckoutUseCase;
import dev.microdrop.core.checkout.PreorderUseCase;
import dev.microdrop.core.checkout.Validated;
import dev.microdrop.core.checkout.Violation;
import dev.microdrop.core.checkout.WaitlistUseCase;
import dev.microdrop.core.order.OrderReader;
import dev.microdrop.core.order.OrderTokens;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.JsonBody;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /checkout} (and {@code POST /preorders}, {@code POST /waitlist}, same body): turns the function-URL event into a {@link CheckoutCommand}, calls the use case once,
 * and maps its outcome to a status. Every refusal is problem JSON; nothing here writes to the table.
 */
public final class CheckoutHandler implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** A checkout body is a few hundred bytes; 16 KiB leaves room for 25 lines and long addresses. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Logger log = LoggerFactory.getLogger(CheckoutHandler.class);

    private static final String ORDERS = "/orders/";

    private final CheckoutUseCase checkout;
    private final WaitlistUseCase waitlists;
    private final PreorderUseCase preorders;
    private final OrderReader orders;
    private final OrderTokens tokens;
    private final ObjectMapper mapper;
    private final Responses responses;

    /** A handler without pre-orders: {@code POST /preorders} answers 404. */
    public CheckoutHandler(CheckoutUseCase checkout, WaitlistUseCase waitlists, OrderReader orders, OrderTokens tokens,
            ObjectMapper mapper, Responses responses) {
        this(checkout, waitlists, null, orders, tokens, mapper, responses);
    }

    public CheckoutHandler(CheckoutUseCase checkout, WaitlistUseCase waitlists, PreorderUseCase preorders,
            OrderReader orders, OrderTokens tokens, ObjectMapper mapper, Responses responses) {
        this.checkout = checkout;
        this.waitlists = waitlists;
        this.preorders = preorders;
        this.orders = orders;
        this.tokens = tokens;
        this.mapper = mapper;
        this.responses = responses;
    }

    @Override
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
        try {
            return handle(HttpRequest.of(event));
        } catch (RuntimeException e) {
            // The unexpected: logged with its stack trace for us, a generic problem for the caller.
            log.error("checkout failed unexpectedly", e);
            return responses.problem(ProblemType.INTERNAL, "Something went wrong on our side; nothing was held.");
        }
    }

    private APIGatewayV2HTTPResponse handle(HttpRequest request) {
        if (request.path().startsWith(ORDERS)) {
            return order(request);
        }
        boolean waitlist = request.path().equals("/waitlist");
        boolean preorder = request.path().equals("/preorders") && preorders != null;
        if (!request.path().equals("/checkout") && !waitlist && !preorder) {
            return responses.problem(ProblemType.NOT_FOUND, "No such resource: " + request.path());
        }
        if (!request.method().equals("POST")) {
            return responses.methodNotAllowed(request.method(), List.of("POST"));
        }
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
            case Validated.Invalid<CheckoutCommand> invalid -> invalid(invalid.violations());
            case Validated.Valid<CheckoutCommand> valid -> answer(waitlist ? waitlists.joinWaitlist(valid.value())
                    : preorder ? preorders.preorder(valid.value()) : checkout.checkout(valid.value()));
        };
    }

    private APIGatewayV2HTTPResponse answer(CheckoutOutcome outcome) {
        return switch (outcome) {
            case CheckoutOutcome.Reserved reserved -> responses.json(201,
                    OrderJson.of(reserved.order(), reserved.payment(), tokens.issue(reserved.order().orderId())),
                    Map.of("idempotent-replayed", Boolean.toString(reserved.replayed()), "cache-control", "no-store"));
            case CheckoutOutcome.PaymentUnavailable unavailable -> responses.problem(
                    ProblemType.PAYMENT_PROVIDER_UNAVAILABLE,
                    "Your units are held until " + unavailable.order().holdExpiresAt()
                            + ", but the payment provider did not answer. Retry with the same Idempotency-Key.",
                    Map.of("orderId", unavailable.order().orderId(),
                            "holdExpiresAt", unavailable.order().holdExpiresAt().toString()),
                    Map.of("retry-after", "2"));
            case CheckoutOutcome.SoldOut soldOut -> responses.problem(ProblemType.SOLD_OUT,
                    "Not enough units left for this order; nothing was held." + left(soldOut.remaining()),
                    Map.of("remaining", soldOut.remaining()), Map.of());
            case CheckoutOutcome.LimitReached limit -> responses.problem(ProblemType.LIMIT_REACHED,
                    "This drop allows " + limit.limit() + " units per buyer; you already hold or own "
                            + limit.alreadyHeld() + " and asked for " + limit.requested() + ".",
                    Map.of("limit", limit.limit(), "alreadyHeld", limit.alreadyHeld(), "requested", limit.requested()),
                    Map.of());
            case CheckoutOutcome.DropNotOpen notOpen -> responses.problem(ProblemType.DROP_NOT_OPEN,
                    notOpen.now().isBefore(notOpen.opensAt()) ? "The drop opens at " + notOpen.opensAt() + "."
                            : "The drop closed at " + notOpen.closesAt() + ".",
                    Map.of("opensAt", notOpen.opensAt().toString(), "closesAt", notOpen.closesAt().toString(),
                            "serverTime", notOpen.now().toString()),
                    Map.of());
            case CheckoutOutcome.DropPaused paused -> responses.problem(ProblemType.DROP_PAUSED,
                    "Sales of this drop are paused for a moment; nothing was held. Try again when it resumes.",
                    Map.of("serverTime", paused.now().toString()), Map.of());
            case CheckoutOutcome.InsidersOnly insidersOnly -> responses.problem(ProblemType.INSIDERS_ONLY,
                    insidersOnly.sku() + " was restocked for insiders until " + insidersOnly.until()
                            + "; nothing was held. Everyone may buy it from then on.",
                    Map.of("sku", insidersOnly.sku(), "until", insidersOnly.until().toString()), Map.of());
            case CheckoutOutcome.DropNotFound notFound -> responses.problem(ProblemType.DROP_NOT_FOUND,
                    "There is no drop " + notFound.dropId() + ".");
            case CheckoutOutcome.InvalidRequest invalid -> invalid(invalid.violations());
            case CheckoutOutcome.KeyReused ignored -> responses.problem(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different checkout; use a new key for a new order.");
            case CheckoutOutcome.Waitlisted waitlisted -> responses.json(waitlisted.already() ? 200 : 202,
                    Map.of("sku", waitlisted.sku(), "status", "waiting", "already", waitlisted.already(),
                            "detail", "When units come back you will be offered them, in the order buyers joined; "
                                    + "check out again to take them."), Map.of("cache-control", "no-store"));
            case CheckoutOutcome.SlotFull full -> responses.problem(ProblemType.SLOT_FULL,
                    "The pickup slot " + full.slotId() + " at " + full.hubId() + " is full; nothing was held. Choose "
                            + "another slot.", Map.of("hubId", full.hubId(), "slotId", full.slotId(),
                            "otherSlots", full.otherSlots()), Map.of());
            case CheckoutOutcome.AccessRefused refused -> responses.problem(ProblemType.ACCESS_TOKEN_INVALID,
                    "Insiders' access needs your own, unexpired access token: " + refused.reason() + ". Everyone may buy from "
                            + refused.opensAt() + ".", Map.of("opensAt", refused.opensAt().toString()), Map.of());
            case CheckoutOutcome.PreordersClosed closed -> responses.problem(ProblemType.PREORDERS_CLOSED,
                    "No pre-orders: " + closed.why() + ". Nothing was taken.");
            case CheckoutOutcome.InStock inStock -> responses.problem(ProblemType.NOT_SOLD_OUT,
                    inStock.sku() + " can be bought now (" + inStock.available() + " left for this order): check out "
                            + "instead. A waitlist place is for what is sold out; nothing was written.",
                    Map.of("skus", List.of(inStock.sku())), Map.of());
            case CheckoutOutcome.NotSoldOut notSoldOut -> responses.problem(ProblemType.NOT_SOLD_OUT,
                    "A pre-order is only for SKUs sold out for good; " + String.join(", ", notSoldOut.skus())
                            + " can still be bought or has units still to come. Check out instead; nothing was taken.",
                    Map.of("skus", notSoldOut.skus()), Map.of());
            case CheckoutOutcome.PreorderCapReached cap -> responses.problem(ProblemType.PREORDER_CAP_REACHED,
                    "Only " + cap.remaining() + " units can still be pre-ordered in this drop; nothing was taken.",
                    Map.of("remaining", cap.remaining()), Map.of());
            case CheckoutOutcome.Contended ignored -> responses.problem(ProblemType.BUSY,
                    "Too many buyers at once; nothing was held. Retry with the same Idempotency-Key.",
                    Map.of(), Map.of("retry-after", "1"));
        };
    }

    /**
     * {@code GET /orders/{orderId}} with {@code Authorization: Bearer <orderToken>}: the order's state for its
     * buyer. A wrong token and an unknown order get the same 404, so ids cannot be probed.
     */
    private APIGatewayV2HTTPResponse order(HttpRequest request) {
        if (!request.method().equals("GET")) {
            return responses.methodNotAllowed(request.method(), List.of("GET"));
        }
        String orderId = request.path().substring(ORDERS.length());
        String authorization = request.header("authorization").orElse("");
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return responses.problem(ProblemType.UNAUTHORIZED, "Send the orderToken from the checkout as "
                    + "Authorization: Bearer <orderToken>.", Map.of(), Map.of("www-authenticate", "Bearer"));
        }
        if (!tokens.verify(orderId, authorization.substring(7).strip())) {
            return responses.problem(ProblemType.ORDER_NOT_FOUND, "No order with that id and token.");
        }
        return orders.find(orderId)
                .map(order -> responses.json(200, preorders == null ? OrderJson.of(order)
                        : OrderJson.of(order, preorders.paymentDue(order).orElse(null), null),
                        Map.of("cache-control", "no-store")))
                .orElseGet(() -> responses.problem(ProblemType.ORDER_NOT_FOUND, "No order with that id and token."));
    }

    private APIGatewayV2HTTPResponse invalid(List<Violation> violations) {
        return responses.problem(ProblemType.INVALID_REQUEST, "The checkout has " + violations.size()
                        + (violations.size() == 1 ? " problem" : " problems") + "; see errors.",
                Map.of("errors", violations), Map.of());
    }

    /**
     * What the buyer could still get, per SKU: " NR-42: none left. GL-1: 107 for this order (187 left in all; an
     * order's units of one product come from one hub)." For a SKU spread over hubs that is the units of the hub
     * that serves the order (a pickup's) or of the fullest ship-from hub (a shipment's).
     */
    static String left(List<CheckoutOutcome.Remaining> remaining) {
        StringBuilder text = new StringBuilder();
        for (CheckoutOutcome.Remaining r : remaining) {
            text.append(' ').append(r.sku()).append(": ");
            if (r.availableInAll() == 0) {
                text.append("none left.");
            } else if (r.available() == r.availableInAll()) {
                text.append(r.available()).append(" left.");
            } else {
                text.append(r.available() == 0 ? "none" : r.available()).append(" for this order (")
                        .append(r.availableInAll()).append(" left in all; an order's units of one product come from one hub).");
            }
        }
        return text.toString();
    }
}
