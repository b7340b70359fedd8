package dev.microdrop.function.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who is calling the merchant API: {@code Authorization: Bearer <credential>}, where the credential is a merchant key
 * (local runs, CI and scripts; compared in constant time) or, when the stack signs merchants in with Amazon Cognito,
 * the merchant's ID or access token, verified by {@link MerchantTokens}. The function URL itself is open (AuthType
 * NONE, behind CloudFront), so this is the only door.
 *
 * <p>Shared by every door a merchant calls: the merchant API (per drop) and the shop's KPIs (per shop), configured
 * the same way ({@code microdrop.merchant.keys}, {@code microdrop.merchant.cognito.*}). Its modules bring Nimbus
 * JOSE+JWT and the SSM client themselves (optional here, so doors that never authenticate merchants do not ship
 * them).
 */
public final class MerchantAuth {

    /** The caller: a merchant, or nobody, and whether they presented a credential that was refused. */
    public sealed interface Caller {
        record Merchant(String merchantId) implements Caller {
        }

        /** No bearer credential at all. */
        record Anonymous() implements Caller {
        }

        /** A bearer credential that is no key and no valid token (RFC 6750's invalid_token). */
        record Refused() implements Caller {
        }
    }

    private final Map<String, byte[]> keyDigests = new LinkedHashMap<>();
    private final Optional<MerchantTokens> tokens;

    /**
     * @param keys   {@code merchantId=key,merchantId=key}; keys shorter than 16 characters are refused
     * @param tokens the Cognito tokens' verifier, when the deployment signs merchants in
     */
    public MerchantAuth(String keys, Optional<MerchantTokens> tokens) {
        this.tokens = tokens;
        if (keys != null) {
            for (String pair : keys.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                String[] parts = pair.strip().split("=", 2);
                if (parts.length != 2 || parts[1].length() < 16) {
                    throw new IllegalStateException("MICRODROP_MERCHANT_KEYS takes merchantId=key pairs, keys of 16+ characters");
                }
                keyDigests.put(parts[0], digest(parts[1]));
            }
        }
    }

    /**
     * The answer for the merchant the request's credential stands for, or 401 problem JSON with RFC 6750's
     * challenge: {@code Bearer} without a credential, {@code Bearer error="invalid_token"} for one refused.
     *
     * @param api what was called, for the refusal's sentence ("The merchant API")
     */
    public APIGatewayV2HTTPResponse authenticated(HttpRequest request, Responses responses, String api,
            Function<String, APIGatewayV2HTTPResponse> asMerchant) {
        return switch (caller(request.header("authorization"))) {
            case Caller.Merchant merchant -> asMerchant.apply(merchant.merchantId());
            case Caller.Anonymous anonymous -> responses.problem(ProblemType.UNAUTHORIZED,
                    api + " needs Authorization: Bearer <merchant key or sign-in token>.", Map.of(),
                    Map.of("www-authenticate", "Bearer"));
            // RFC 6750: a credential was presented and refused (unknown key; expired, forged or foreign token).
            case Caller.Refused refused -> responses.problem(ProblemType.UNAUTHORIZED,
                    "The merchant key or sign-in token is not valid: sign in again.", Map.of(),
                    Map.of("www-authenticate", "Bearer error=\"invalid_token\""));
        };
    }

    public Caller caller(Optional<String> authorization) {
        String header = authorization.orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            return new Caller.Anonymous();
        }
        String credential = header.substring(7).strip();
        byte[] presented = digest(credential);
        String found = null;
        // Compare against every key, always, so timing says nothing about which key or how much matched.
        for (Map.Entry<String, byte[]> key : keyDigests.entrySet()) {
            if (MessageDigest.isEqual(key.getValue(), presented)) {
                found = key.getKey();
            }
        }
        if (found == null && tokens.isPresent() && MerchantTokens.looksLikeJwt(credential)) {
            found = tokens.get().merchant(credential).orElse(null);
        }
        return found == null ? new Caller.Refused() : new Caller.Merchant(found);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
