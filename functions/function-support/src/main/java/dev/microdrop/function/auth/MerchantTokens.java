package dev.microdrop.function.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.microdrop.function.config.CachedValue;
import dev.microdrop.infrastructure.aws.AwsClientFactory;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The merchant's Amazon Cognito tokens, verified by the function itself with Nimbus JOSE+JWT: an RS256 signature by
 * one of the user pool's keys (its JWKS, fetched on the first token and cached, so a SnapStart snapshot holds no
 * keys and priming fetches nothing), the pool as issuer, not expired (a minute of clock skew), and issued to the
 * dashboard's app client: an ID token's {@code aud}, an access token's {@code client_id}, each with its
 * {@code token_use}. Anything else, {@code alg: none} and keys of other pools included, is not a merchant.
 *
 * <p>A verified token is the stack's merchant: the pool has no self sign-up, so its users are the ones the stack
 * invited.
 */
public final class MerchantTokens {

    /** Cognito's user pool ids are {@code <region>_<id>}; the region names the issuer and the JWKS. */
    private static final Pattern USER_POOL_ID = Pattern.compile("([a-z]{2}(-[a-z]+)+-\\d)_[A-Za-z0-9]+");
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final String issuer;
    private final Supplier<String> clientId;
    private final String merchantId;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /**
     * @param userPoolId the pool, {@code <region>_<id>}
     * @param clientId   the dashboard's app client id, asked for on the first token (see {@link CachedValue})
     * @param merchantId the merchant a verified token acts as
     * @param keys       the pool's signing keys
     */
    MerchantTokens(String userPoolId, Supplier<String> clientId, String merchantId, JWKSource<SecurityContext> keys,
                   Clock clock) {
        this.issuer = issuer(userPoolId);
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.merchantId = requireText(merchantId, "merchantId");
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(null,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iat", "token_use"), null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** Tokens of the pool, its keys fetched from its JWKS URL when first needed and cached (Nimbus's defaults). */
    static MerchantTokens ofUserPool(String userPoolId, Supplier<String> clientId, String merchantId, Clock clock) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(URI.create(issuer(userPoolId) + "/.well-known/jwks.json").toURL())
                    // No background refresh thread in a SnapStart snapshot: a key is fetched when a token needs it.
                    .refreshAheadCache(false)
                    .retrying(true)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("the user pool id " + userPoolId + " makes no JWKS URL", e);
        }
        return new MerchantTokens(userPoolId, clientId, merchantId, keys, clock);
    }

    /**
     * The Cognito tokens' verifier, when a user pool is configured ({@code microdrop.merchant.cognito.user-pool-id}).
     * The app client's id is {@code clientId}, or is read from the SSM parameter {@code clientIdParameter} names
     * (what the CDK stack sets: the client is created after the function, see {@link CachedValue}). Nothing is fetched
     * here: the pool's keys and the client's id are read on the first token, so neither init nor SnapStart priming
     * touches the network.
     */
    public static Optional<MerchantTokens> configured(String userPoolId, String clientId, String clientIdParameter,
                                                      String merchantId, AwsClientFactory clients, Clock clock) {
        if (userPoolId.isBlank()) {
            return Optional.empty();
        }
        Supplier<String> client;
        if (!clientId.isBlank()) {
            client = () -> clientId;
        } else if (!clientIdParameter.isBlank()) {
            SsmClient ssm = clients.client(SsmClient.builder());
            client = new CachedValue("the app client id", () -> ssm.getParameter(
                    request -> request.name(clientIdParameter)).parameter().value(), CLIENT_ID_KEPT_FOR, clock);
        } else {
            throw new IllegalStateException("MICRODROP_MERCHANT_COGNITO_USER_POOL_ID needs the app client: "
                    + "MICRODROP_MERCHANT_COGNITO_CLIENT_ID or MICRODROP_MERCHANT_COGNITO_CLIENT_ID_PARAMETER");
        }
        return Optional.of(ofUserPool(userPoolId, client, merchantId, clock));
    }

    /** A replaced app client is picked up within this time without a new deploy of the function. */
    private static final Duration CLIENT_ID_KEPT_FOR = Duration.ofMinutes(10);

    static String issuer(String userPoolId) {
        var match = USER_POOL_ID.matcher(requireText(userPoolId, "userPoolId"));
        if (!match.matches()) {
            throw new IllegalStateException("MICRODROP_MERCHANT_COGNITO_USER_POOL_ID " + userPoolId
                    + " is not a Cognito user pool id (<region>_<id>)");
        }
        return "https://cognito-idp." + match.group(1) + ".amazonaws.com/" + userPoolId;
    }

    /** Whether {@code bearer} is shaped like a JWT (three base64url parts), so it is a token rather than a key. */
    static boolean looksLikeJwt(String bearer) {
        return bearer.chars().filter(c -> c == '.').count() == 2;
    }

    /** The merchant {@code token} stands for, if it is a valid token of the pool for the dashboard's client. */
    Optional<String> merchant(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (KeySourceException e) {
            // The pool's JWKS could not be fetched: our side's failure (500), not the caller's token.
            throw new IllegalStateException("the user pool's keys could not be fetched", e);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            // Not a JWT, alg none or another algorithm, no key of the pool, a bad signature, a failed claim.
            return Optional.empty();
        }
        return forTheClient(claims) ? Optional.of(merchantId) : Optional.empty();
    }

    private boolean forTheClient(JWTClaimsSet claims) {
        String client = clientId.get();
        try {
            return switch (String.valueOf(claims.getStringClaim("token_use"))) {
                case "id" -> claims.getAudience().equals(List.of(client));
                case "access" -> client.equals(claims.getStringClaim("client_id"));
                default -> false;
            };
        } catch (ParseException e) {
            return false;
        }
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is required to verify merchant tokens");
        }
        return value;
    }
}
