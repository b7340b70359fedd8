package dev.microdrop.cdk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The reserved concurrency of each function that has one. A reservation is both a floor (the function can always
 * run that many instances, whatever else the account is doing) and a ceiling (it never runs more).
 *
 * <p>The defaults, and why:
 * <ul>
 *   <li><b>Checkout 200</b>, a ceiling: a drop's opening is a checkout storm, and without a cap it would take the
 *   whole account's concurrency and starve the webhook, the merchant's pause and the wave release at the moment
 *   they matter. 200 instances of a ~0.5 s checkout (one transaction plus one Stripe call) are ~400 holds a second,
 *   about what one hot SKU's item takes on AWS (~500 hold attempts a second); more would only collide. A throttled
 *   buyer gets 429 and retries with the same idempotency key.</li>
 *   <li><b>PaymentsWebhook 50</b>, a floor: payments must never be throttled by a checkout storm (Stripe would retry,
 *   but the order would sit unpaid and its hold could expire first). At most one webhook per paid checkout, each a
 *   short transaction: 50 is far above what 200 checkouts produce.</li>
 *   <li><b>OutboxRelay 10</b>, a floor and a bound: the relay carries every domain event and schedules every hold's
 *   expiry, so a storm must not starve it; it runs one instance per stream shard (parallelization factor 1), and 10
 *   covers the shards of a drop's table while bounding how hard it writes the table.</li>
 *   <li><b>Merchant 5</b>, a floor: "pause the drop" must answer in the middle of a storm.</li>
 *   <li><b>Waves 2</b>, a floor: a wave is released on time even when the checkout holds its whole reservation and
 *   the rest of the account is busy (two, so a retry is never throttled by the first firing).</li>
 *   <li><b>Notifications 1</b>, a ceiling: the function paces its mail with a token bucket per execution environment
 *   ({@code MICRODROP_MAIL_RATE}), so one environment makes that the deployment's rate, within SES's sending quota.
 *   Its SQS source cannot poll with fewer than 2 (its maximum concurrency); a batch the second poller gets while the
 *   first is sending is throttled and comes back after the visibility timeout. Without the reservation the rate is
 *   per environment, up to twice the setting.</li>
 * </ul>
 * The catalog has none: CloudFront and its per-instance cache take the read storm, and it shares the account's
 * unreserved pool, which the checkout's ceiling keeps free. The other queue consumers (hold expiry, fulfilment, waitlist
 * claims) have none either: their SQS event sources' {@code maxConcurrency} bounds them ({@link DropStack}), which reserves
 * nothing and so can never make a deploy fail.
 *
 * <p>Reservations can make a deploy fail: Lambda keeps at least 100 of an account's concurrency unreserved, so the
 * defaults (268 in all, per drop stack) need an account limit of at least 368, plus 268 per other drop deployed in
 * the same account and region at the same time. New accounts sometimes start with a limit of 10. The CDK context
 * {@code reservedConcurrency} overrides them: {@code off} reserves nothing, and {@code Checkout:400,Merchant:none}
 * changes or removes the named functions' reservations and keeps the other defaults.
 */
public record ReservedConcurrency(Map<String, Integer> byFunction) {

    public static final Map<String, Integer> DEFAULTS = defaults();

    /** The functions of a drop's stack, by the name {@link DropStack} and template.yaml give them. */
    static final Set<String> FUNCTIONS = Set.of("Catalog", "Checkout", "PaymentsWebhook", "HoldExpiry",
            "Fulfilment", "WaitlistClaims", "Merchant", "Waves", "OutboxRelay", "Notifications");

    public ReservedConcurrency {
        byFunction = Collections.unmodifiableMap(new LinkedHashMap<>(byFunction));
    }

    public static ReservedConcurrency ofDefaults() {
        return new ReservedConcurrency(DEFAULTS);
    }

    /**
     * The reservations the CDK context value {@code setting} asks for: null or blank (not given, or an unset CI
     * variable) means the defaults, {@code off} none at all, and {@code Name:N,Name:none,...} the defaults with the
     * named functions changed.
     */
    public static ReservedConcurrency fromContext(Object setting) {
        if (setting == null || String.valueOf(setting).isBlank()) {
            return ofDefaults();
        }
        String text = String.valueOf(setting).strip();
        if (text.equals("off")) {
            return new ReservedConcurrency(Map.of());
        }
        Map<String, Integer> reservations = new LinkedHashMap<>(DEFAULTS);
        for (String entry : text.split(",")) {
            String[] parts = entry.strip().split(":", -1);
            if (parts.length != 2 || !FUNCTIONS.contains(parts[0].strip())) {
                throw invalid(text, "'" + entry.strip() + "' is not <function>:<number> or <function>:none, with a "
                        + "function among " + new java.util.TreeSet<>(FUNCTIONS));
            }
            String function = parts[0].strip();
            String value = parts[1].strip();
            if (value.equals("none")) {
                reservations.remove(function);
                continue;
            }
            int reserved;
            try {
                reserved = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw invalid(text, function + ": '" + value + "' is not a number");
            }
            if (reserved < 1) {
                // 0 would throttle every invocation: a stopped function, never a reservation.
                throw invalid(text, function + ": " + reserved + " would stop the function; use none to reserve nothing");
            }
            reservations.put(function, reserved);
        }
        return new ReservedConcurrency(reservations);
    }

    /** The function's reservation, or null when it shares the account's unreserved pool. */
    public Integer of(String function) {
        return byFunction.get(function);
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("reservedConcurrency=" + text + ": " + reason
                + " (e.g. -c reservedConcurrency=off or -c reservedConcurrency=Checkout:400,Merchant:none)");
    }

    private static Map<String, Integer> defaults() {
        Map<String, Integer> defaults = new LinkedHashMap<>();
        defaults.put("Checkout", 200);
        defaults.put("PaymentsWebhook", 50);
        defaults.put("OutboxRelay", 10);
        defaults.put("Merchant", 5);
        defaults.put("Waves", 2);
        defaults.put("Notifications", 1);
        return Collections.unmodifiableMap(defaults);
    }
}
