package dev.microdrop.core.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The short code a buyer shows at the hub: six characters of Crockford's base 32 (digits and capitals without I,
 * L, O and U, so nothing reads as another character), taken from an HMAC of the order id under the deployment's
 * key. It needs no storage (the hub derives it again from the order id), and it cannot be guessed from the order
 * id. 30 bits: a code is checked against the order the hub looks up, not searched for, so collisions between
 * orders do not matter.
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
}
