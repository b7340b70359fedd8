package dev.microdrop.checkout;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.checkout.Answers;
import dev.microdrop.core.checkout.CheckoutOutcome;
import dev.microdrop.core.checkout.PreorderOutcome;
import dev.microdrop.core.checkout.Violation;
import dev.microdrop.core.checkout.WaitlistOutcome;
import dev.microdrop.core.order.OrderTokens;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import java.util.List;
import java.util.Map;

/**
 * Every outcome of the buyer's doors (checkout, pre-order, waitlist) as the storefront receives it, each mapped once: the order (201), a waitlist place
 * (202, or 200 when already waiting), or a problem whose {@code detail} is a sentence a buyer can act on.
 */
final class CheckoutAnswers {

    private final OrderTokens tokens;
    private final Responses responses;

    CheckoutAnswers(OrderTokens tokens, Responses responses) {
        this.tokens = tokens;
        this.responses = responses;
    }

    APIGatewayV2HTTPResponse checkout(CheckoutOutcome outcome) {
        return switch (outcome) {
            case Answers.Refusal refusal -> refusal(refusal);
            case Answers.OrderAnswer answer -> order(answer);
            case Answers.DropNotOpen notOpen -> notOpen(notOpen);
            case CheckoutOutcome.SoldOut soldOut -> responses.problem(ProblemType.SOLD_OUT,
                    "Not enough units left for this order; nothing was held." + left(soldOut.remaining()),
                    Map.of("remaining", soldOut.remaining()), Map.of());
            case CheckoutOutcome.InsidersOnly insidersOnly -> responses.problem(ProblemType.INSIDERS_ONLY,
                    insidersOnly.sku() + " was restocked for insiders until " + insidersOnly.until()
                            + "; nothing was held. Everyone may buy it from then on.",
                    Map.of("sku", insidersOnly.sku(), "until", insidersOnly.until().toString()), Map.of());
            case CheckoutOutcome.SlotFull full -> responses.problem(ProblemType.SLOT_FULL,
                    "The pickup slot " + full.slotId() + " at " + full.hubId() + " is full; nothing was held. Choose "
                            + "another slot.", Map.of("hubId", full.hubId(), "slotId", full.slotId(),
                            "otherSlots", full.otherSlots()), Map.of());
            case CheckoutOutcome.AccessRefused refused -> responses.problem(ProblemType.ACCESS_TOKEN_INVALID,
                    "Insiders' access needs your own, unexpired access token: " + refused.reason() + ". Everyone may buy from "
                            + refused.opensAt() + ".", Map.of("opensAt", refused.opensAt().toString()), Map.of());
        };
    }

    APIGatewayV2HTTPResponse preorder(PreorderOutcome outcome) {
        return switch (outcome) {
            case Answers.Refusal refusal -> refusal(refusal);
            case Answers.OrderAnswer answer -> order(answer);
            case PreorderOutcome.PreordersClosed closed -> responses.problem(ProblemType.PREORDERS_CLOSED,
                    "No pre-orders: " + closed.why() + ". Nothing was taken.");
            case PreorderOutcome.NotSoldOut notSoldOut -> responses.problem(ProblemType.NOT_SOLD_OUT,
                    "A pre-order is only for SKUs sold out for good; " + String.join(", ", notSoldOut.skus())
                            + " can still be bought or has units still to come. Check out instead; nothing was taken.",
                    Map.of("skus", notSoldOut.skus()), Map.of());
            case PreorderOutcome.CapReached cap -> responses.problem(ProblemType.PREORDER_CAP_REACHED,
                    "Only " + cap.remaining() + " units can still be pre-ordered in this drop; nothing was taken.",
                    Map.of("remaining", cap.remaining()), Map.of());
        };
    }

    APIGatewayV2HTTPResponse waitlist(WaitlistOutcome outcome) {
        return switch (outcome) {
            case Answers.Refusal refusal -> refusal(refusal);
            case Answers.DropNotOpen notOpen -> notOpen(notOpen);
            case WaitlistOutcome.Waitlisted waitlisted -> responses.json(waitlisted.already() ? 200 : 202,
                    Map.of("sku", waitlisted.sku(), "status", "waiting", "already", waitlisted.already(),
                            "detail", "When units come back you will be offered them, in the order buyers joined; "
                                    + "check out again to take them."), Map.of("cache-control", "no-store"));
            case WaitlistOutcome.InStock inStock -> responses.problem(ProblemType.NOT_SOLD_OUT,
                    inStock.sku() + " can be bought now (" + inStock.available() + " left for this order): check out "
                            + "instead. A waitlist place is for what is sold out; nothing was written.",
                    Map.of("skus", List.of(inStock.sku())), Map.of());
        };
    }

    private APIGatewayV2HTTPResponse refusal(Answers.Refusal refusal) {
        return switch (refusal) {
            case Answers.DropNotFound notFound -> responses.problem(ProblemType.DROP_NOT_FOUND,
                    "There is no drop " + notFound.dropId() + ".");
            case Answers.InvalidRequest invalid -> invalid(invalid.violations());
            case Answers.LimitReached limit -> responses.problem(ProblemType.LIMIT_REACHED,
                    "This drop allows " + limit.limit() + " units per buyer; you already hold or own "
                            + limit.alreadyHeld() + " and asked for " + limit.requested() + ".",
                    Map.of("limit", limit.limit(), "alreadyHeld", limit.alreadyHeld(), "requested", limit.requested()),
                    Map.of());
        };
    }

    private APIGatewayV2HTTPResponse order(Answers.OrderAnswer answer) {
        return switch (answer) {
            case Answers.Reserved reserved -> responses.json(201,
                    OrderJson.of(reserved.order(), reserved.payment(), tokens.issue(reserved.order().orderId())),
                    Map.of("idempotent-replayed", Boolean.toString(reserved.replayed()), "cache-control", "no-store"));
            case Answers.PaymentUnavailable unavailable -> responses.problem(
                    ProblemType.PAYMENT_PROVIDER_UNAVAILABLE,
                    "Your units are held until " + unavailable.order().holdExpiresAt()
                            + ", but the payment provider did not answer. Retry with the same Idempotency-Key.",
                    Map.of("orderId", unavailable.order().orderId(),
                            "holdExpiresAt", unavailable.order().holdExpiresAt().toString()),
                    Map.of("retry-after", "2"));
            case Answers.KeyReused ignored -> responses.problem(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different checkout; use a new key for a new order.");
            case Answers.Contended ignored -> responses.problem(ProblemType.BUSY,
                    "Too many buyers at once; nothing was held. Retry with the same Idempotency-Key.",
                    Map.of(), Map.of("retry-after", "1"));
            case Answers.DropPaused paused -> responses.problem(ProblemType.DROP_PAUSED,
                    "Sales of this drop are paused for a moment; nothing was held. Try again when it resumes.",
                    Map.of("serverTime", paused.now().toString()), Map.of());
        };
    }

    private APIGatewayV2HTTPResponse notOpen(Answers.DropNotOpen notOpen) {
        return responses.problem(ProblemType.DROP_NOT_OPEN,
                notOpen.now().isBefore(notOpen.opensAt()) ? "The drop opens at " + notOpen.opensAt() + "."
                        : "The drop closed at " + notOpen.closesAt() + ".",
                Map.of("opensAt", notOpen.opensAt().toString(), "closesAt", notOpen.closesAt().toString(),
                        "serverTime", notOpen.now().toString()),
                Map.of());
    }

    APIGatewayV2HTTPResponse invalid(List<Violation> violations) {
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
