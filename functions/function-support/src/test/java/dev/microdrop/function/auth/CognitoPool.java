package dev.microdrop.function.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A Cognito user pool as far as its tokens go, with no network: an RSA key whose public half is the pool's JWK set
 * (handed to {@link MerchantTokens} as an in-memory source), and ID and access tokens shaped as Cognito issues them.
 */
public final class CognitoPool {

    public static final String POOL_ID = "eu-central-1_Test1234";
    public static final String ISSUER = "https://cognito-idp.eu-central-1.amazonaws.com/" + POOL_ID;
    public static final String CLIENT_ID = "dashboardclient0123456789";
    public static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    public final RSAKey key = generate("pool-key");

    public MerchantTokens tokens(String merchantId) {
        return new MerchantTokens(POOL_ID, () -> CLIENT_ID, merchantId,
                new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), CLOCK);
    }

    public MerchantAuth auth(String keys, String merchantId) {
        return new MerchantAuth(keys, Optional.of(tokens(merchantId)));
    }

    /** An ID token for the dashboard's client, valid for an hour from {@link #NOW}, as {@code change} leaves it. */
    public String idToken(UnaryOperator<JWTClaimsSet.Builder> change) {
        return signed(key, change.apply(claims().audience(CLIENT_ID).claim("token_use", "id")
                .claim("email", "merchant@example.com")).build());
    }

    /** An access token for the dashboard's client. */
    public String accessToken(UnaryOperator<JWTClaimsSet.Builder> change) {
        return signed(key, change.apply(claims().claim("client_id", CLIENT_ID).claim("token_use", "access")
                .claim("scope", "openid email")).build());
    }

    public static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("0f1e2d3c-merchant")
                .issueTime(Date.from(NOW.minus(Duration.ofMinutes(5))))
                .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(55))));
    }

    public static String signed(RSAKey with, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
