package dev.microdrop.core.drop;

import java.util.regex.Pattern;

/** The shapes of identifiers that end up inside table keys; anything else is refused at the edge. */
public final class Ids {

    /** Drop, product and hub ids: lower-case slugs, so they are safe in keys and URLs. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    /** SKUs: merchants use upper case and dots too (NR-42, TEE.BLK.M). */
    public static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Idempotency keys: UUIDs, ULIDs or any opaque token of safe characters (IETF draft: up to 255). */
    public static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{8,255}");

    private Ids() {
    }

    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    public static boolean isSku(String value) {
        return value != null && SKU.matcher(value).matches();
    }

    public static boolean isIdempotencyKey(String value) {
        return value != null && IDEMPOTENCY_KEY.matcher(value).matches();
    }

    static void requireId(String what, String value) {
        if (!isId(value)) {
            throw new IllegalArgumentException(what + " must match " + ID.pattern() + ": " + value);
        }
    }

    static void requireSku(String value) {
        if (!isSku(value)) {
            throw new IllegalArgumentException("sku must match " + SKU.pattern() + ": " + value);
        }
    }
}
