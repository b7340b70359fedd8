package dev.microdrop.core.audience;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.sign.SignedTokens;
import java.time.Instant;
import java.util.Optional;

/**
 * The audience's link tokens: {@code a1.<payload>.<signature>}, both parts base64url without padding (safe in a URL
 * as they are), the payload {@code <purpose>|<buyerId>|<expiry>} where the expiry is epoch seconds or {@code -} for
 * a token that does not expire, the signature HMAC-SHA256 under the deployment's key of the payload behind a prefix
 * of its own ({@code microdrop/audience-link/a1:}, so no other token of the deployment's signs the same bytes). The
 * purpose is signed with the rest, so a token issued for one purpose never verifies for another: an unsubscribe link
 * cannot confirm a sign-up, nor the reverse. The signature is checked in constant time, before anything of the
 * payload is believed. Never an address: a buyer id only. Purposes: {@code confirm}, {@code unsubscribe}, and the
 * privacy requests' {@code export} and {@code erase} (docs/audience.md).
 */
public final class LinkTokens {

    /** What a token lets its holder do, once. */
    public enum Purpose {
        CONFIRM("confirm"), UNSUBSCRIBE("unsubscribe"),
        /** Read everything the shop and its drops keep about the buyer (a privacy request, mailed to the address). */
        EXPORT("export"),
        /** Erase the buyer from the shop and its drops (a privacy request, mailed to the address). */
        ERASE("erase");

        private final String code;

        Purpose(String code) {
            this.code = code;
        }

        static Optional<Purpose> of(String code) {
            for (Purpose purpose : values()) {
                if (purpose.code.equals(code)) {
                    return Optional.of(purpose);
                }
            }
            return Optional.empty();
        }
    }

    /** Why a token was refused: a stable code and a sentence. */
    public enum Refusal {
        MALFORMED("malformed", "the link is not one of ours"),
        FORGED("forged", "the link's signature does not match"),
        WRONG_PURPOSE("wrong-purpose", "the link is for something else"),
        EXPIRED("expired", "the link has expired");

        private final String code;
        private final String sentence;

        Refusal(String code, String sentence) {
            this.code = code;
            this.sentence = sentence;
        }

        public String code() {
            return code;
        }

        public String sentence() {
            return sentence;
        }
    }

    /** A token's verdict. */
    public sealed interface Verdict {
    }

    public record Valid(BuyerId buyer) implements Verdict {
    }

    public record Refused(Refusal refusal) implements Verdict {
    }

    private static final String NEVER = "-";
    private final SignedTokens tokens;

    public LinkTokens(byte[] key) {
        this.tokens = new SignedTokens(key, "audience link key", "audience-link", "a1");
    }

    /** A token for {@code purpose}, valid until {@code expiresAt} (exclusive), or for good when empty. */
    public String issue(Purpose purpose, BuyerId buyer, Optional<Instant> expiresAt) {
        String expiry = expiresAt.map(at -> Long.toString(at.getEpochSecond())).orElse(NEVER);
        return tokens.issue(purpose.code, buyer.value(), expiry);
    }

    /** Whether {@code token} is ours, for {@code purpose}, and not expired at {@code now}; the buyer it names if so. */
    public Verdict verify(String token, Purpose purpose, Instant now) {
        String[] fields;
        switch (tokens.open(token)) {
            case SignedTokens.Malformed ignored -> {
                return new Refused(Refusal.MALFORMED);
            }
            case SignedTokens.Forged ignored -> {
                return new Refused(Refusal.FORGED);
            }
            case SignedTokens.Fields opened -> fields = opened.values().toArray(String[]::new);
        }
        // Signed by us from here on: a field that does not parse is a bug of an older version, still refused.
        if (fields.length != 3 || !fields[1].matches("b_[0-9a-f]{32}")) {
            return new Refused(Refusal.MALFORMED);
        }
        if (Purpose.of(fields[0]).filter(purpose::equals).isEmpty()) {
            return new Refused(Refusal.WRONG_PURPOSE);
        }
        if (!fields[2].equals(NEVER)) {
            long expiry;
            try {
                expiry = Long.parseLong(fields[2]);
            } catch (NumberFormatException notANumber) {
                return new Refused(Refusal.MALFORMED);
            }
            if (!now.isBefore(Instant.ofEpochSecond(expiry))) {
                return new Refused(Refusal.EXPIRED);
            }
        }
        return new Valid(new BuyerId(fields[1]));
    }
}
