package dev.microdrop.core.checkout;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.sign.SignedTokens;
import java.time.Instant;
import java.util.List;

/**
 * Early-access tokens: {@code v1.<payload>.<signature>}, the payload naming the drop, the buyer (by id, never
 * e-mail) and the expiry, signed with HMAC-SHA256 under the deployment's key. A token works for its drop and its
 * buyer only, until it expires; any change to it breaks the signature. Checked in constant time.
 */
public final class AccessTokens {

    private final SignedTokens tokens;

    public AccessTokens(byte[] key) {
        this.tokens = new SignedTokens(key, "access-token key", "access-token", "v1");
    }

    /** An insiders' token (the merchant's links): three fields, as every token issued before layers. */
    public String issue(String dropId, BuyerId buyer, Instant expiresAt) {
        return tokens.issue(dropId, buyer.value(), Long.toString(expiresAt.getEpochSecond()));
    }

    /** A token of a later layer of early access ({@code past-buyers}, {@code audience}): a fourth field names it. */
    public String issue(String dropId, BuyerId buyer, Instant expiresAt, String layer) {
        return tokens.issue(dropId, buyer.value(), Long.toString(expiresAt.getEpochSecond()), layer);
    }

    /** The layer a token of ours names: its fourth field, or the insiders' for a token of three. */
    public java.util.Optional<String> layer(String token) {
        if (!(tokens.open(token) instanceof SignedTokens.Fields opened)) {
            return java.util.Optional.empty();
        }
        List<String> fields = opened.values();
        return fields.size() == 4 ? java.util.Optional.of(fields.get(3))
                : fields.size() == 3 ? java.util.Optional.of(dev.microdrop.core.drop.Insiders.INSIDERS)
                : java.util.Optional.empty();
    }

    /** Why a token does not let this buyer into this drop now; null when it does. */
    public String refusal(String token, String dropId, BuyerId buyer, Instant now) {
        if (token == null) {
            return "no access token";
        }
        List<String> fields;
        switch (tokens.open(token)) {
            case SignedTokens.Malformed ignored -> {
                return "malformed access token";
            }
            case SignedTokens.Forged ignored -> {
                return "access token signature does not match";
            }
            case SignedTokens.Fields opened -> fields = opened.values();
        }
        if (fields.size() < 3 || fields.size() > 4 || !fields.get(2).matches("[0-9]{1,12}")) {
            return "malformed access token";
        }
        if (!fields.get(0).equals(dropId)) {
            return "access token is for another drop";
        }
        if (!fields.get(1).equals(buyer.value())) {
            return "access token belongs to another buyer";
        }
        if (!now.isBefore(Instant.ofEpochSecond(Long.parseLong(fields.get(2))))) {
            return "access token expired";
        }
        return null;
    }
}
