package dev.microdrop.core.checkout;

import dev.microdrop.core.buyer.BuyerId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Early-access tokens: {@code v1.<payload>.<signature>}, the payload naming the drop, the buyer (by id, never
 * e-mail) and the expiry, signed with HMAC-SHA256 under the deployment's key. A token works for its drop and its
 * buyer only, until it expires; any change to it breaks the signature. Checked in constant time.
 */
public final class AccessTokens {

    private static final String PURPOSE = "microdrop/access-token/v1:";
    private final SecretKeySpec key;

    public AccessTokens(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the access-token key needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String issue(String dropId, BuyerId buyer, Instant expiresAt) {
        String payload = encode(dropId + "|" + buyer.value() + "|" + expiresAt.getEpochSecond());
        return "v1." + payload + "." + encode(sign(payload));
    }

    /** Why a token does not let this buyer into this drop now; null when it does. */
    public String refusal(String token, String dropId, BuyerId buyer, Instant now) {
        if (token == null) {
            return "no access token";
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3 || !parts[0].equals("v1")) {
            return "malformed access token";
        }
        byte[] presented;
        String[] fields;
        try {
            presented = Base64.getUrlDecoder().decode(parts[2]);
            fields = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).split("\\|");
        } catch (IllegalArgumentException notBase64) {
            return "malformed access token";
        }
        if (!MessageDigest.isEqual(sign(parts[1]), presented)) {
            return "access token signature does not match";
        }
        if (fields.length != 3) {
            return "malformed access token";
        }
        if (!fields[0].equals(dropId)) {
            return "access token is for another drop";
        }
        if (!fields[1].equals(buyer.value())) {
            return "access token belongs to another buyer";
        }
        if (!now.isBefore(Instant.ofEpochSecond(Long.parseLong(fields[2])))) {
            return "access token expired";
        }
        return null;
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal((PURPOSE + payload).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
