package dev.microdrop.core.buyer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives {@link BuyerId}s with HMAC-SHA256 under a deployment key, so ids are stable across functions and
 * drops but an e-mail cannot be confirmed from an id by hashing a guess without the key.
 */
public final class BuyerIds {

    private final SecretKeySpec key;

    public BuyerIds(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the buyer-id key needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public BuyerId of(String email) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(normalise(email).getBytes(StandardCharsets.UTF_8));
            return new BuyerId("b_" + HexFormat.of().formatHex(digest, 0, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * One person, one id: the address's canonical form ({@link EmailAddress#canonical}); text that is not an address
     * (a merchant's search, say) is only stripped and lower-cased, and matches no buyer.
     */
    public static String normalise(String email) {
        return EmailAddress.canonical(email).orElseGet(() -> email.strip().toLowerCase(Locale.ROOT));
    }
}
