package dev.microdrop.core.notification;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.sign.SignedTokens;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    private final SignedTokens tokens;

    public SurveyTokens(byte[] key) {
        this.tokens = new SignedTokens(key, "survey key", "survey", "s1");
    }

    public String issue(String dropId, BuyerId buyer, Instant expiresAt) {
        return tokens.issue(dropId, buyer.value(), Long.toString(expiresAt.getEpochSecond()));
    }

    /** The respondent, if the token is ours, intact and not expired at {@code now}. */
    public Optional<Respondent> verify(String token, Instant now) {
        if (!(tokens.open(token) instanceof SignedTokens.Fields opened)) {
            return Optional.empty();
        }
        List<String> fields = opened.values();
        if (fields.size() != 3 || !fields.get(1).matches("b_[0-9a-f]{32}") || !fields.get(2).matches("[0-9]{1,12}")
                || !now.isBefore(Instant.ofEpochSecond(Long.parseLong(fields.get(2))))) {
            return Optional.empty();
        }
        return Optional.of(new Respondent(fields.get(0), new BuyerId(fields.get(1))));
    }
}
