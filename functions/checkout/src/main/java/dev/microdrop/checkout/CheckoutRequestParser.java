package dev.microdrop.checkout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.checkout.CheckoutCommand;
import dev.microdrop.core.checkout.RequestedLine;
import dev.microdrop.core.checkout.Validated;
import dev.microdrop.core.checkout.Violation;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a parsed JSON body into a {@link CheckoutCommand}: this class checks JSON types (a quantity must be an
 * integer, not "2" or 2.5); the command checks values. Every problem is reported with its JSON Pointer.
 */
final class CheckoutRequestParser {

    private static final Set<String> TOP_LEVEL = Set.of("dropId", "lines", "buyer", "fulfilment", "accessToken");
    private static final Set<String> LINE = Set.of("sku", "quantity");
    private static final Set<String> BUYER = Set.of("email");
    private static final Set<String> PICKUP = Set.of("type", "hubId", "slotId");
    private static final Set<String> SHIP = Set.of("type", "address");
    private static final Set<String> ADDRESS = Set.of("name", "line1", "line2", "city", "postalCode", "country");

    private CheckoutRequestParser() {
    }

    static Validated<CheckoutCommand> parse(String idempotencyKey, JsonNode body) {
        List<Violation> violations = new ArrayList<>();
        if (!body.isObject()) {
            return new Validated.Invalid<>(List.of(new Violation("", "the body must be a JSON object")));
        }
        onlyKnownFields(body, TOP_LEVEL, "", violations);
        String dropId = text(body, "dropId", "/dropId", violations);
        List<RequestedLine> lines = lines(body.get("lines"), violations);
        String email = null;
        JsonNode buyer = body.get("buyer");
        if (buyer == null || buyer.isNull()) {
            violations.add(new Violation("/buyer", "is required: {\"email\": ...}"));
        } else if (!buyer.isObject()) {
            violations.add(new Violation("/buyer", "must be an object"));
        } else {
            onlyKnownFields(buyer, BUYER, "/buyer", violations);
            email = text(buyer, "email", "/buyer/email", violations);
        }
        Fulfilment fulfilment = fulfilment(body.get("fulfilment"), violations);

        Validated<CheckoutCommand> command = CheckoutCommand.of(idempotencyKey, dropId, lines, email, fulfilment);
        if (command instanceof Validated.Invalid<CheckoutCommand> invalid) {
            // Report type errors first, then value errors that are not about the same field or its parent.
            List<Violation> all = new ArrayList<>(violations);
            invalid.violations().stream()
                    .filter(v -> violations.stream().noneMatch(t -> t.pointer().equals(v.pointer())
                            || t.pointer().startsWith(v.pointer() + "/")))
                    .forEach(all::add);
            return new Validated.Invalid<>(all);
        }
        if (!violations.isEmpty()) {
            return new Validated.Invalid<>(violations);
        }
        String token = text(body, "accessToken", "/accessToken", violations);
        if (!violations.isEmpty()) {
            return new Validated.Invalid<>(violations);
        }
        if (token != null && token.length() > 512) {
            return new Validated.Invalid<>(List.of(new Violation("/accessToken", "is longer than 512 characters")));
        }
        CheckoutCommand valid = ((Validated.Valid<CheckoutCommand>) command).value();
        return new Validated.Valid<>(token == null ? valid : valid.withAccessToken(token));
    }

    private static List<RequestedLine> lines(JsonNode node, List<Violation> violations) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            violations.add(new Violation("/lines", "must be an array of {\"sku\", \"quantity\"}"));
            return null;
        }
        List<RequestedLine> lines = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode line = node.get(i);
            String at = "/lines/" + i;
            if (!line.isObject()) {
                violations.add(new Violation(at, "must be an object with sku and quantity"));
                lines.add(null);
                continue;
            }
            onlyKnownFields(line, LINE, at, violations);
            String sku = text(line, "sku", at + "/sku", violations);
            JsonNode quantity = line.get("quantity");
            int value = 0;
            if (quantity == null || quantity.isNull()) {
                violations.add(new Violation(at + "/quantity", "is required"));
            } else if (!quantity.isIntegralNumber()) {
                violations.add(new Violation(at + "/quantity", "must be a whole number"));
            } else if (!quantity.canConvertToInt()) {
                violations.add(new Violation(at + "/quantity", "must be between 1 and " + CheckoutCommand.MAX_QUANTITY));
            } else {
                value = quantity.intValue();
            }
            lines.add(new RequestedLine(sku, value));
        }
        return lines;
    }

    private static Fulfilment fulfilment(JsonNode node, List<Violation> violations) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            violations.add(new Violation("/fulfilment", "must be an object"));
            return null;
        }
        String type = text(node, "type", "/fulfilment/type", violations);
        if (type == null) {
            if (node.get("type") == null || node.get("type").isNull()) {
                violations.add(new Violation("/fulfilment/type", "is required: \"ship\" or \"pickup\""));
            }
            return null;
        }
        return switch (type) {
            case "pickup" -> {
                onlyKnownFields(node, PICKUP, "/fulfilment", violations);
                yield new Fulfilment.Pickup(text(node, "hubId", "/fulfilment/hubId", violations),
                        text(node, "slotId", "/fulfilment/slotId", violations));
            }
            case "ship" -> {
                onlyKnownFields(node, SHIP, "/fulfilment", violations);
                JsonNode address = node.get("address");
                if (address == null || address.isNull()) {
                    yield new Fulfilment.Ship(null);
                }
                if (!address.isObject()) {
                    violations.add(new Violation("/fulfilment/address", "must be an object"));
                    yield null;
                }
                onlyKnownFields(address, ADDRESS, "/fulfilment/address", violations);
                String at = "/fulfilment/address/";
                yield new Fulfilment.Ship(new Address(
                        text(address, "name", at + "name", violations),
                        text(address, "line1", at + "line1", violations),
                        text(address, "line2", at + "line2", violations),
                        text(address, "city", at + "city", violations),
                        text(address, "postalCode", at + "postalCode", violations),
                        text(address, "country", at + "country", violations)));
            }
            default -> {
                violations.add(new Violation("/fulfilment/type", "must be \"ship\" or \"pickup\""));
                yield null;
            }
        };
    }

    /** A misspelt field would otherwise be silently ignored; name it instead. */
    private static void onlyKnownFields(JsonNode object, Set<String> known, String at, List<Violation> violations) {
        object.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                violations.add(new Violation(at + "/" + name, "is not a field here; expected one of "
                        + known.stream().sorted().toList()));
            }
        });
    }

    /** A required string field; absent fields are left to the command's own check, which says "is required". */
    private static String text(JsonNode parent, String field, String pointer, List<Violation> violations) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            violations.add(new Violation(pointer, "must be a string"));
            return null;
        }
        return node.textValue();
    }
}
