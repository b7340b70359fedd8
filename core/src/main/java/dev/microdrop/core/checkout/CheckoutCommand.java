package dev.microdrop.core.checkout;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.buyer.EmailAddress;
import dev.microdrop.core.drop.Ids;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A buyer's request to hold units of one or more SKUs (several lines make a bundle: all are held or none).
 * Built only through {@link #of}, which checks every field and names each problem.
 */
public record CheckoutCommand(
        String idempotencyKey, String dropId, List<RequestedLine> lines, String buyerEmail, Fulfilment fulfilment,
        String accessToken) {

    /** More than this in one line is not a purchase; it is a mistake or an attack. */
    public static final int MAX_QUANTITY = 100;
    public static final int MAX_LINES = 25;

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public CheckoutCommand {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(dropId, "dropId");
        Objects.requireNonNull(buyerEmail, "buyerEmail");
        Objects.requireNonNull(fulfilment, "fulfilment");
        lines = List.copyOf(lines);
    }

    public static Validated<CheckoutCommand> of(
            String idempotencyKey, String dropId, List<RequestedLine> lines, String buyerEmail, Fulfilment fulfilment) {
        List<Violation> violations = new ArrayList<>();
        if (idempotencyKey == null) {
            violations.add(new Violation("Idempotency-Key", "the Idempotency-Key header is required"));
        } else if (!Ids.isIdempotencyKey(idempotencyKey)) {
            violations.add(new Violation("Idempotency-Key",
                    "must be 8 to 255 characters of letters, digits, '.', '_', ':' or '-'"));
        }
        if (dropId == null) {
            violations.add(new Violation("/dropId", "is required"));
        } else if (!Ids.isId(dropId)) {
            violations.add(new Violation("/dropId", "is not a drop id"));
        }
        checkLines(lines, violations);
        Optional<String> email = buyerEmail == null ? Optional.empty() : EmailAddress.canonical(buyerEmail);
        if (buyerEmail == null) {
            violations.add(new Violation("/buyer/email", "is required"));
        } else if (email.isEmpty()) {
            violations.add(new Violation("/buyer/email", "is not an e-mail address"));
        }
        checkFulfilment(fulfilment, violations);
        if (!violations.isEmpty()) {
            return new Validated.Invalid<>(violations);
        }
        // The canonical form: the same person is the same buyer, and the order keeps the address mail can reach.
        return new Validated.Valid<>(new CheckoutCommand(idempotencyKey, dropId, lines, email.orElseThrow(),
                fulfilment, null));
    }

    /** The same command with an early-access token (checked against the drop and buyer at checkout). */
    public CheckoutCommand withAccessToken(String token) {
        return new CheckoutCommand(idempotencyKey, dropId, lines, buyerEmail, fulfilment, token);
    }

    private static void checkLines(List<RequestedLine> lines, List<Violation> violations) {
        if (lines == null || lines.isEmpty()) {
            violations.add(new Violation("/lines", "must name at least one SKU"));
            return;
        }
        if (lines.size() > MAX_LINES) {
            violations.add(new Violation("/lines", "may hold at most " + MAX_LINES + " lines"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            RequestedLine line = lines.get(i);
            String at = "/lines/" + i;
            if (line == null) {
                violations.add(new Violation(at, "must be an object with sku and quantity"));
                continue;
            }
            if (line.sku() == null) {
                violations.add(new Violation(at + "/sku", "is required"));
            } else if (!Ids.isSku(line.sku())) {
                violations.add(new Violation(at + "/sku", "is not a SKU"));
            } else if (!seen.add(line.sku())) {
                violations.add(new Violation(at + "/sku", "appears in more than one line; put the total in one line"));
            }
            if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                violations.add(new Violation(at + "/quantity", "must be between 1 and " + MAX_QUANTITY));
            }
        }
    }

    private static void checkFulfilment(Fulfilment fulfilment, List<Violation> violations) {
        switch (fulfilment) {
            case null -> violations.add(new Violation("/fulfilment", "is required: {\"type\": \"ship\" | \"pickup\"}"));
            case Fulfilment.Pickup pickup -> {
                if (!Ids.isId(pickup.hubId())) {
                    violations.add(new Violation("/fulfilment/hubId", "must name a pickup hub of the drop"));
                }
            }
            case Fulfilment.Ship ship -> {
                Address a = ship.address();
                if (a == null) {
                    violations.add(new Violation("/fulfilment/address", "is required when shipping"));
                    return;
                }
                requireText(a.name(), "/fulfilment/address/name", 200, violations);
                requireText(a.line1(), "/fulfilment/address/line1", 200, violations);
                if (a.line2() != null && a.line2().length() > 200) {
                    violations.add(new Violation("/fulfilment/address/line2", "is longer than 200 characters"));
                }
                requireText(a.city(), "/fulfilment/address/city", 100, violations);
                requireText(a.postalCode(), "/fulfilment/address/postalCode", 20, violations);
                if (a.country() == null || !COUNTRY.matcher(a.country()).matches()) {
                    violations.add(new Violation("/fulfilment/address/country", "must be an ISO 3166-1 alpha-2 code, e.g. DE"));
                }
            }
        }
    }

    private static void requireText(String value, String pointer, int max, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(pointer, "is required"));
        } else if (value.length() > max) {
            violations.add(new Violation(pointer, "is longer than " + max + " characters"));
        }
    }

    public int units() {
        return lines.stream().mapToInt(RequestedLine::quantity).sum();
    }

    /**
     * A fingerprint of what was asked, independent of line order and e-mail case: the same key with another
     * fingerprint is a different request and is refused.
     */
    public String fingerprint() {
        String canonical = String.join("\u001e",
                dropId,
                lines.stream().sorted(Comparator.comparing(RequestedLine::sku))
                        .map(l -> l.sku() + ":" + l.quantity()).collect(Collectors.joining(",")),
                BuyerIds.normalise(buyerEmail),
                fulfilment.canonical().toLowerCase(Locale.ROOT));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
