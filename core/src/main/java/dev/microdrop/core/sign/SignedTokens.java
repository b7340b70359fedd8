package dev.microdrop.core.sign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shape every signed token of microdrop shares: {@code <version>.<payload>.<signature>}, both parts base64url
 * without padding (safe in a URL as they are), the payload the token's fields joined by {@code |}, the signature
 * HMAC-SHA256 under the deployment's key of the encoded payload behind a prefix of the token's own ({@code
 * microdrop/<kind>/<version>:}), so no two kinds of token sign the same bytes even under one key. Opening checks the
 * signature in constant time before anything of the payload is believed; what the fields mean is the token's own.
 */
public final class SignedTokens {

    /** The most characters a token may have: far above any of ours, so a huge input is refused before any work. */
    public static final int MAX_LENGTH = 512;

    /** What opening a token found. */
    public sealed interface Opened {
    }

    /** Ours and intact: its fields, as issued. */
    public record Fields(List<String> values) implements Opened {
        public Fields {
            values = List.copyOf(values);
        }
    }

    /** Not shaped as one of ours (another version, not base64url, too long, missing parts). */
    public record Malformed() implements Opened {
    }

    /** Shaped as ours, but its signature does not match: changed, or signed under another key. */
    public record Forged() implements Opened {
    }

    private final SecretKeySpec key;
    private final String version;
    private final byte[] prefix;

    /**
     * @param key     the deployment's key, at least 16 bytes ({@code what} names it in the refusal)
     * @param kind    the token's kind in the signed prefix, e.g. {@code access-token}
     * @param version the token's first part, e.g. {@code v1}
     */
    public SignedTokens(byte[] key, String what, String kind, String version) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the " + what + " needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.version = version;
        this.prefix = ("microdrop/" + kind + "/" + version + ":").getBytes(StandardCharsets.UTF_8);
    }

    /** A token of {@code fields} (none may hold a {@code |}). */
    public String issue(String... fields) {
        if (Arrays.stream(fields).anyMatch(field -> field.contains("|"))) {
            throw new IllegalArgumentException("a token's field holds no |");
        }
        String payload = encode(String.join("|", fields).getBytes(StandardCharsets.UTF_8));
        return version + "." + payload + "." + encode(sign(payload));
    }

    public Opened open(String token) {
        if (token == null || token.length() > MAX_LENGTH) {
            return new Malformed();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(version)) {
            return new Malformed();
        }
        byte[] presented;
        String payload;
        try {
            presented = Base64.getUrlDecoder().decode(parts[2]);
            payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return new Malformed();
        }
        if (!MessageDigest.isEqual(sign(parts[1]), presented)) {
            return new Forged();
        }
        return new Fields(List.of(payload.split("\\|", -1)));
    }

    private byte[] sign(String encodedPayload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(prefix);
            return mac.doFinal(encodedPayload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
