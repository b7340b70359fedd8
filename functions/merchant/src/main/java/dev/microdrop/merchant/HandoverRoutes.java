package dev.microdrop.merchant;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.checkout.Validated;
import dev.microdrop.core.fulfilment.HandoverOutcome;
import dev.microdrop.core.fulfilment.HandoverService;
import dev.microdrop.core.fulfilment.Shipment;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Handover;
import dev.microdrop.core.order.Order;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hub staff's and the warehouse's steps on one paid order: {@code POST .../orders/{orderId}/ready},
 * {@code .../collected} (body {@code {"code"}}), {@code .../shipped} (body {@code {"carrier", "trackingNumber"}}).
 * The answer never shows the pickup code: staff check the buyer's, they do not read it off the screen.
 */
final class HandoverRoutes {

    private final HandoverService handovers;
    private final Responses responses;
    private final MerchantBodies bodies;

    HandoverRoutes(HandoverService handovers, Responses responses, MerchantBodies bodies) {
        this.handovers = handovers;
        this.responses = responses;
        this.bodies = bodies;
    }

    APIGatewayV2HTTPResponse ready(String dropId, String orderId) {
        return answer(handovers.ready(dropId, orderId), dropId, orderId);
    }

    APIGatewayV2HTTPResponse collected(String dropId, String orderId, HttpRequest request) {
        MerchantBodies.Body body = bodies.object(request, Set.of("code"), "{\"code\": \"<the buyer's pickup code>\"}");
        if (body.problem() != null) {
            return body.problem();
        }
        JsonNode code = body.json().get("code");
        if (code == null || !code.isTextual() || code.asText().length() > 16) {
            return invalid("/code", "must be the buyer's pickup code: 6 letters and digits");
        }
        return answer(handovers.collected(dropId, orderId, code.asText()), dropId, orderId);
    }

    APIGatewayV2HTTPResponse shipped(String dropId, String orderId, HttpRequest request) {
        MerchantBodies.Body body = bodies.object(request, Set.of("carrier", "trackingNumber"),
                "{\"carrier\": \"DHL\", \"trackingNumber\": \"JJD0001\"}");
        if (body.problem() != null) {
            return body.problem();
        }
        return switch (Shipment.of(text(body.json().get("carrier")), text(body.json().get("trackingNumber")))) {
            case Validated.Invalid<Shipment> invalid -> responses.problem(ProblemType.INVALID_REQUEST,
                    "The body has problems; see errors.", Map.of("errors", invalid.violations().stream()
                            .map(v -> Map.of("pointer", v.pointer(), "detail", v.detail())).toList()), Map.of());
            case Validated.Valid<Shipment> valid -> answer(handovers.shipped(dropId, orderId, valid.value()), dropId,
                    orderId);
        };
    }

    private APIGatewayV2HTTPResponse answer(HandoverOutcome outcome, String dropId, String orderId) {
        return switch (outcome) {
            case HandoverOutcome.Done done -> responses.json(200, json(done.order(), done.changed()),
                    Map.of("cache-control", "no-store"));
            case HandoverOutcome.NoSuchOrder none -> responses.problem(ProblemType.ORDER_NOT_FOUND,
                    "Drop " + dropId + " has no order " + MerchantBodies.printable(orderId) + ".");
            case HandoverOutcome.Refused refused -> responses.problem(ProblemType.FULFILMENT_REFUSED,
                    refused.detail(), Map.of("reason", refused.reason()), Map.of());
            case HandoverOutcome.WrongCode wrong -> invalid("/code", "is not this order's pickup code");
        };
    }

    private APIGatewayV2HTTPResponse invalid(String pointer, String detail) {
        return responses.problem(ProblemType.INVALID_REQUEST, "The body has problems; see errors.",
                Map.of("errors", List.of(Map.of("pointer", pointer, "detail", detail))), Map.of());
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    /** The order's hand-over as staff see it: the facts, never the pickup code; nulls left out. */
    static Map<String, Object> json(Order order, boolean changed) {
        Handover h = order.handover();
        Map<String, Object> fulfilment = new LinkedHashMap<>();
        fulfilment.put("type", order.fulfilmentType());
        if (order.fulfilment() instanceof Fulfilment.Pickup pickup) {
            fulfilment.put("hubId", pickup.hubId());
        }
        fulfilment.put("readyAt", h.readyAt() == null ? null : h.readyAt().toString());
        fulfilment.put("collectedAt", h.collectedAt() == null ? null : h.collectedAt().toString());
        fulfilment.put("shippedAt", h.shippedAt() == null ? null : h.shippedAt().toString());
        fulfilment.put("carrier", h.carrier());
        fulfilment.put("trackingNumber", h.trackingNumber());
        fulfilment.values().removeIf(v -> v == null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", order.orderId());
        body.put("dropId", order.dropId());
        body.put("status", order.status().spelling());
        body.put("fulfilment", fulfilment);
        body.put("changed", changed);
        return body;
    }
}
