package dev.microdrop.core.fulfilment;

import dev.microdrop.core.checkout.Validated;
import dev.microdrop.core.checkout.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A parcel handed to a carrier: who carries it and the number it is tracked by. */
public record Shipment(String carrier, String trackingNumber) {

    public static final int CARRIER_MAX = 40;
    public static final int TRACKING_MAX = 64;
    private static final Pattern CARRIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 .&'-]{0," + (CARRIER_MAX - 1) + "}");
    private static final Pattern TRACKING = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0," + (TRACKING_MAX - 1) + "}");

    /**
     * A shipment from what hub staff typed: a carrier's name (letters, digits, spaces and {@code .&'-}, at most 40)
     * and a tracking number (letters, digits and {@code -}, at most 64); both trimmed.
     */
    public static Validated<Shipment> of(String carrier, String trackingNumber) {
        List<Violation> violations = new ArrayList<>();
        String c = carrier == null ? null : carrier.strip();
        String t = trackingNumber == null ? null : trackingNumber.strip();
        if (c == null || !CARRIER.matcher(c).matches()) {
            violations.add(new Violation("/carrier", "must be the carrier's name: 1 to " + CARRIER_MAX
                    + " letters, digits, spaces or .&'-"));
        }
        if (t == null || !TRACKING.matcher(t).matches()) {
            violations.add(new Violation("/trackingNumber", "must be 1 to " + TRACKING_MAX
                    + " letters, digits or -"));
        }
        return violations.isEmpty() ? new Validated.Valid<>(new Shipment(c, t)) : new Validated.Invalid<>(violations);
    }
}
