package dev.microdrop.merchant;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.merchant.AdjustStock;
import dev.microdrop.core.merchant.FlashRestock;
import dev.microdrop.core.merchant.InsiderAccess;
import dev.microdrop.core.merchant.PauseDrop;
import dev.microdrop.core.merchant.PauseResult;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The merchant's hands on stock: a ledgered adjustment, a flash restock for insiders, pause and resume. */
final class StockRoutes {

    private final AdjustStock adjusting;
    private final FlashRestock flashRestock;
    private final PauseDrop pausing;
    private final Responses responses;
    private final MerchantBodies bodies;

    StockRoutes(AdjustStock adjusting, FlashRestock flashRestock, PauseDrop pausing, Responses responses,
            MerchantBodies bodies) {
        this.adjusting = adjusting;
        this.flashRestock = flashRestock;
        this.pausing = pausing;
        this.responses = responses;
        this.bodies = bodies;
    }

    /**
     * {@code POST /merchant/drops/{id}/stock} with {@code {"sku", "delta", "reason"}}, plus {@code "hubId"} for a SKU
     * split by hub: a ledgered adjustment.
     */
    APIGatewayV2HTTPResponse adjust(DropSnapshot snapshot, HttpRequest request) {
        MerchantBodies.Body read = bodies.object(request, Set.of("sku", "delta", "reason", "hubId"),
                "{\"sku\", \"delta\", \"reason\", \"hubId\"?}");
        if (read.problem() != null) {
            return read.problem();
        }
        JsonNode body = read.json();
        java.util.List<Map<String, String>> errors = new java.util.ArrayList<>();
        String sku = body == null ? null : body.path("sku").asText(null);
        if (sku == null || snapshot.drop().sku(sku).isEmpty()) {
            errors.add(Map.of("pointer", "/sku", "detail", "must name a SKU of the drop"));
        }
        String hubId = body == null ? null : body.path("hubId").asText(null);
        boolean split = sku != null && snapshot.drop().sku(sku).map(Sku::splitByHub).orElse(false);
        if (split && (hubId == null || !snapshot.drop().sku(sku).orElseThrow().hubUnits().containsKey(hubId))) {
            errors.add(Map.of("pointer", "/hubId", "detail", "SKU " + sku + " is split by hub: name one of "
                    + snapshot.drop().sku(sku).orElseThrow().hubUnits().keySet()));
        } else if (!split && hubId != null) {
            errors.add(Map.of("pointer", "/hubId", "detail", "SKU " + sku + " is not split by hub: leave hubId out"));
        }
        JsonNode deltaNode = body == null ? null : body.get("delta");
        if (deltaNode == null || !deltaNode.canConvertToInt() || !deltaNode.isIntegralNumber() || deltaNode.intValue() == 0
                || Math.abs(deltaNode.intValue()) > 1_000_000) {
            errors.add(Map.of("pointer", "/delta", "detail", "must be a whole number of units, not 0"));
        }
        String reason = body == null ? null : body.path("reason").asText(null);
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            errors.add(Map.of("pointer", "/reason", "detail", "is required, up to 200 characters (it goes in the ledger)"));
        }
        if (!errors.isEmpty()) {
            return responses.problem(ProblemType.INVALID_REQUEST, "The adjustment has problems; see errors.",
                    Map.of("errors", errors), Map.of());
        }
        return switch (adjusting.adjust(snapshot, sku, hubId, deltaNode.intValue(), reason)) {
            case AdjustStock.Short short_ -> responses.problem(ProblemType.SOLD_OUT,
                    "Only available units can be taken away; fewer are available.",
                    Map.of("remaining", List.of(Map.of("sku", short_.sku(), "available", short_.available()))), Map.of());
            case AdjustStock.Adjusted adjusted -> responses.json(200, Map.of("dropId", adjusted.dropId(),
                    "sku", adjusted.sku(), "delta", adjusted.delta()), Map.of("cache-control", "no-store"));
        };
    }

    /**
     * {@code POST /merchant/drops/{id}/flash-restock} with {@code {"sku", "units", "minutes", "emails"?}}: adds the
     * units to the SKU (ledgered) and keeps them for insiders for {@code minutes}: until then only buyers with an
     * access token hold the SKU, from that tranche; afterwards the units are everyone's. Tokens for {@code emails}
     * come back, valid until the window ends.
     */
    APIGatewayV2HTTPResponse flashRestock(DropSnapshot snapshot, HttpRequest request) {
        MerchantBodies.Body read = bodies.object(request, Set.of("sku", "units", "minutes", "emails"),
                "{\"sku\", \"units\", \"minutes\", \"emails\"?}");
        if (read.problem() != null) {
            return read.problem();
        }
        JsonNode body = read.json();
        List<Map<String, String>> errors = new java.util.ArrayList<>();
        String sku = body.path("sku").isTextual() ? body.get("sku").asText() : null;
        if (sku == null || snapshot.drop().sku(sku).isEmpty()) {
            errors.add(Map.of("pointer", "/sku", "detail", "must name a SKU of the drop"));
        } else {
            InsiderAccess.flashRestockRefusal(snapshot.drop().sku(sku).get())
                    .ifPresent(why -> errors.add(Map.of("pointer", "/sku", "detail", why)));
        }
        Integer units = MerchantBodies.wholeNumber(body.get("units"), 1, 1_000_000);
        if (units == null) {
            errors.add(Map.of("pointer", "/units", "detail", "must be a whole number of units, 1 to 1000000"));
        }
        Integer minutes = MerchantBodies.wholeNumber(body.get("minutes"), 1, 24 * 60);
        if (minutes == null) {
            errors.add(Map.of("pointer", "/minutes", "detail", "must be a whole number of minutes, 1 to 1440"));
        }
        List<String> emails = new java.util.ArrayList<>();
        JsonNode list = body.get("emails");
        if (list != null && (!list.isArray() || list.size() > 1_000)) {
            errors.add(Map.of("pointer", "/emails", "detail", "must list at most 1000 e-mails"));
        } else if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                if (!MerchantBodies.isEmail(list.get(i))) {
                    errors.add(Map.of("pointer", "/emails/" + i, "detail", "not an e-mail address"));
                } else {
                    emails.add(list.get(i).asText());
                }
            }
        }
        if (!errors.isEmpty()) {
            return responses.problem(ProblemType.INVALID_REQUEST, "The flash restock has problems; see errors.",
                    Map.of("errors", errors), Map.of());
        }
        return switch (flashRestock.restock(snapshot, sku, units, minutes, emails)) {
            case FlashRestock.Restocked restocked -> responses.json(200, Map.of("dropId", restocked.dropId(),
                    "sku", restocked.sku(), "units", restocked.units(), "flashUntil", restocked.until().toString(),
                    "tokens", InsiderTokens.json(restocked.tokens())), Map.of("cache-control", "no-store"));
            case FlashRestock.NotOpen notOpen -> responses.problem(ProblemType.DROP_NOT_OPEN,
                    "A flash restock is for an open drop.", Map.of("opensAt", notOpen.opensAt().toString(),
                            "closesAt", notOpen.closesAt().toString(), "serverTime", notOpen.now().toString()), Map.of());
            case FlashRestock.WindowRunning running -> responses.problem(ProblemType.FLASH_RESTOCK_REFUSED,
                    "A flash window of " + running.sku() + " is still running; restock it again once it ends.",
                    running.until() != null ? Map.of("until", running.until().toString()) : Map.of(), Map.of());
            case FlashRestock.Busy ignored -> responses.problem(ProblemType.BUSY, "Checkouts kept colliding with the "
                    + "restock; nothing changed. Send it again.", Map.of(), Map.of("retry-after", "1"));
        };
    }

    /**
     * {@code POST /merchant/drops/{id}/pause} and {@code /resume}: idempotent. Once a pause answers, no checkout
     * holds stock of the drop until the resume answers; holds already made can still be paid or expire.
     */
    APIGatewayV2HTTPResponse pausedOrResumed(String dropId, boolean pause) {
        PauseResult result = pause ? pausing.pause(dropId) : pausing.resume(dropId);
        if (result == PauseResult.BUSY) {
            return responses.problem(ProblemType.BUSY, "Checkouts kept colliding with the " + (pause ? "pause" : "resume")
                    + "; nothing changed. Send it again.", Map.of(), Map.of("retry-after", "1"));
        }
        return responses.json(200, Map.of("dropId", dropId, "paused", pause,
                "changed", result == PauseResult.CHANGED), Map.of("cache-control", "no-store"));
    }
}
