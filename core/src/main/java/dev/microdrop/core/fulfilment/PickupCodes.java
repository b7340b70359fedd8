package dev.microdrop.core.fulfilment;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The short code a buyer shows at the hub to collect a pickup order: six characters of Crockford's base 32 (digits
 * and capitals without I, L, O and U, so nothing reads as another character), from an HMAC-SHA256 of the order id
 * under the deployment's key with its own purpose prefix, so it cannot be guessed from the order id and is no other
 * derived value. 30 bits: a code is checked against the one order the hub names, never searched for.
 *
 * <p>The unmerged {@code notifications} branch has a {@code notification.PickupCodes} with the same rule (same
 * alphabet, purpose and key), so both give the same code for an order; once it merges, one of the two goes.
 */
public final class PickupCodes {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final int LENGTH = 6;
    private static final String PURPOSE = "microdrop/pickup-code/v1:";

    private final SecretKeySpec key;

    public PickupCodes(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the pickup-code key needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** The order's code. */
    public String of(String orderId) {
        byte[] mac;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            mac = hmac.doFinal((PURPOSE + orderId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
        long bits = 0;
        for (int i = 0; i < 4; i++) {
            bits = (bits << 8) | (mac[i] & 0xff);
        }
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = LENGTH - 1; i >= 0; i--) {
            code.append(ALPHABET.charAt((int) ((bits >>> (5 * i + 2)) & 31)));
        }
        return code.toString();
    }

    /**
     * Whether what the buyer showed is {@code issued}, compared in constant time (a wrong guess tells nothing of how
     * close it came). Case and surrounding spaces do not matter; anything else does.
     */
    public static boolean matches(String issued, String shown) {
        if (issued == null || shown == null) {
            return false;
        }
        byte[] expected = issued.getBytes(StandardCharsets.US_ASCII);
        byte[] given = shown.strip().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
