package dev.microdrop.core.order;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The buyer's proof of owning an order: an HMAC of the order id under the deployment's key, so it needs no
 * storage and cannot be forged or guessed from an order id. Checked in constant time.
 */
public final class OrderTokens {

    private static final String PURPOSE = "microdrop/order-token/v1:";
    private final SecretKeySpec key;

    public OrderTokens(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the order-token key needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String issue(String orderId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(orderId));
    }

    public boolean verify(String orderId, String token) {
        if (token == null || orderId == null) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(mac(orderId), presented);
    }

    private byte[] mac(String orderId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal((PURPOSE + orderId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
