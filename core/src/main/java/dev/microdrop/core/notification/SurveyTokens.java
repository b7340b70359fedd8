package dev.microdrop.core.notification;

import dev.microdrop.core.buyer.BuyerId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The survey's links: {@code s1.<payload>.<signature>}, base64url without padding, the payload {@code
 * <dropId>|<buyerId>|<expiry>} (epoch seconds), signed with HMAC-SHA256 under the key the shop shares with its drops
 * (the buyer-id key: a drop's notifications function mails the survey, the shop records the answer) behind a prefix of
 * its own, so no other token of the deployment signs the same bytes. Checked in constant time before anything of the
 * payload is believed. A buyer id, never an address.
 */
public final class SurveyTokens {

    /** What a valid token names: whose answer, about which drop. */
    public record Respondent(String dropId, BuyerId buyerId) {
    }

    /** How long a survey link works after the order was handed over. */
    public static final java.time.Duration LINK_LIFETIME = java.time.Duration.ofDays(30);

    private static final String PURPOSE = "microdrop/survey/s1:";
    private final SecretKeySpec key;

    public SurveyTokens(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the survey key needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String issue(String dropId, BuyerId buyer, Instant expiresAt) {
        String payload = encode((dropId + "|" + buyer.value() + "|" + expiresAt.getEpochSecond())
                .getBytes(StandardCharsets.UTF_8));
        return "s1." + payload + "." + encode(sign(payload));
    }

    /** The respondent, if the token is ours, intact and not expired at {@code now}. */
    public Optional<Respondent> verify(String token, Instant now) {
        if (token == null || token.length() > 512) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3 || !parts[0].equals("s1")) {
            return Optional.empty();
        }
        try {
            if (!MessageDigest.isEqual(sign(parts[1]), Base64.getUrlDecoder().decode(parts[2]))) {
                return Optional.empty();
            }
            String[] fields = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).split("\\|");
            if (fields.length != 3 || !now.isBefore(Instant.ofEpochSecond(Long.parseLong(fields[2])))) {
                return Optional.empty();
            }
            return Optional.of(new Respondent(fields[0], new BuyerId(fields[1])));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
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

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
