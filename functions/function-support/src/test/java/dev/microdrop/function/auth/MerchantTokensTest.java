package dev.microdrop.function.auth;

import static dev.microdrop.function.auth.CognitoPool.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.microdrop.core.testing.MutableClock;
import dev.microdrop.function.config.CachedValue;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which bearer credentials are the merchant: Cognito tokens, verified offline against a generated key, and keys. */
class MerchantTokensTest {

    private static final String KEY = "merchant-key-0123456789";
    private final CognitoPool pool = new CognitoPool();
    private final MerchantAuth auth = pool.auth("merchant=" + KEY, "merchant");

    @Test
    void aValidIdToken_isTheStacksMerchant() {
        assertThat(caller(pool.idToken(c -> c))).isEqualTo(new MerchantAuth.Caller.Merchant("merchant"));
    }

    @Test
    void aValidAccessToken_isTheStacksMerchant() {
        assertThat(caller(pool.accessToken(c -> c))).isEqualTo(new MerchantAuth.Caller.Merchant("merchant"));
    }

    @Test
    void anExpiredToken_isRefused_butAFewSecondsPastExpiryAreForgivenAsClockSkew() {
        assertThat(caller(pool.idToken(c -> c.expirationTime(Date.from(NOW.minus(Duration.ofMinutes(2)))))))
                .isEqualTo(new MerchantAuth.Caller.Refused());
        assertThat(caller(pool.accessToken(c -> c.expirationTime(Date.from(NOW.minusSeconds(20))))))
                .isEqualTo(new MerchantAuth.Caller.Merchant("merchant"));
    }

    @Test
    void aTokenForAnotherClient_isRefused() {
        assertThat(caller(pool.idToken(c -> c.audience("another-client")))).isEqualTo(new MerchantAuth.Caller.Refused());
        assertThat(caller(pool.idToken(c -> c.audience(java.util.List.of(CognitoPool.CLIENT_ID, "another-client")))))
                .isEqualTo(new MerchantAuth.Caller.Refused());
        assertThat(caller(pool.accessToken(c -> c.claim("client_id", "another-client"))))
                .isEqualTo(new MerchantAuth.Caller.Refused());
    }

    @Test
    void aTokenOfAnotherIssuer_isRefused() {
        assertThat(caller(pool.idToken(c -> c.issuer("https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Other"))))
                .isEqualTo(new MerchantAuth.Caller.Refused());
        assertThat(caller(pool.accessToken(c -> c.issuer(null)))).isEqualTo(new MerchantAuth.Caller.Refused());
    }

    @Test
    void aTokenWhoseUseIsNotWhatItsClaimsSay_isRefused() {
        // An access token's client_id with an ID token's use, an ID token's aud with an access token's use, none at all.
        assertThat(caller(pool.accessToken(c -> c.claim("token_use", "id")))).isEqualTo(new MerchantAuth.Caller.Refused());
        assertThat(caller(pool.idToken(c -> c.claim("token_use", "access")))).isEqualTo(new MerchantAuth.Caller.Refused());
        assertThat(caller(pool.idToken(c -> c.claim("token_use", null)))).isEqualTo(new MerchantAuth.Caller.Refused());
        assertThat(caller(pool.idToken(c -> c.claim("token_use", "refresh")))).isEqualTo(new MerchantAuth.Caller.Refused());
    }

    @Test
    void aTamperedPayload_isRefused() {
        String[] parts = pool.idToken(c -> c).split("\\.");
        String forged = CognitoPool.claims().audience(CognitoPool.CLIENT_ID).claim("token_use", "id")
                .expirationTime(Date.from(NOW.plus(Duration.ofDays(365)))).build().toString();

        assertThat(caller(parts[0] + "." + Base64URL.encode(forged) + "." + parts[2]))
                .isEqualTo(new MerchantAuth.Caller.Refused());
    }

    @Test
    void aTamperedSignature_isRefused() {
        String token = pool.idToken(c -> c);
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);

        assertThat(caller(tampered)).isEqualTo(new MerchantAuth.Caller.Refused());
        assertThat(caller(token.substring(0, token.lastIndexOf('.') + 1))).isEqualTo(new MerchantAuth.Caller.Refused());
    }

    @Test
    void aTokenSignedByAnotherKey_isRefused_evenUnderThePoolsKeyId() {
        JWTClaimsSet claims = CognitoPool.claims().audience(CognitoPool.CLIENT_ID).claim("token_use", "id").build();
        RSAKey impostor = CognitoPool.generate(pool.key.getKeyID());
        RSAKey stranger = CognitoPool.generate("another-key");

        assertThat(caller(CognitoPool.signed(impostor, claims))).isEqualTo(new MerchantAuth.Caller.Refused());
        assertThat(caller(CognitoPool.signed(stranger, claims))).isEqualTo(new MerchantAuth.Caller.Refused());
    }

    @Test
    void anUnsignedToken_algNone_isRefused() {
        PlainJWT unsigned = new PlainJWT(CognitoPool.claims().audience(CognitoPool.CLIENT_ID).claim("token_use", "id").build());

        assertThat(caller(unsigned.serialize())).isEqualTo(new MerchantAuth.Caller.Refused());
    }

    @Test
    void aTokenMacedWithThePublicKey_algHs256_isRefused() throws JOSEException {
        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(pool.key.getKeyID()).build(),
                CognitoPool.claims().audience(CognitoPool.CLIENT_ID).claim("token_use", "id").build());
        confused.sign(new MACSigner(pool.key.toPublicJWK().toRSAPublicKey().getEncoded()));

        assertThat(caller(confused.serialize())).isEqualTo(new MerchantAuth.Caller.Refused());
    }

    @Test
    void theMerchantKey_stillWorks_alongsideTokens_andAnUnknownKeyIsRefused() {
        assertThat(caller(KEY)).isEqualTo(new MerchantAuth.Caller.Merchant("merchant"));
        assertThat(caller("merchant-key-0123456780")).isEqualTo(new MerchantAuth.Caller.Refused());
        assertThat(caller("not.a.token")).isEqualTo(new MerchantAuth.Caller.Refused());
        assertThat(auth.caller(Optional.empty())).isEqualTo(new MerchantAuth.Caller.Anonymous());
        assertThat(auth.caller(Optional.of("Basic " + KEY))).isEqualTo(new MerchantAuth.Caller.Anonymous());
    }

    @Test
    void withoutASignIn_aValidTokenIsNoMerchant() {
        MerchantAuth keysOnly = new MerchantAuth("merchant=" + KEY, Optional.empty());

        assertThat(keysOnly.caller(Optional.of("Bearer " + pool.idToken(c -> c)))).isEqualTo(new MerchantAuth.Caller.Refused());
    }

    @Test
    void theIssuer_isThePoolsInItsRegion_andAPoolIdOfAnotherShapeIsRefusedAtStart() {
        assertThat(MerchantTokens.issuer("us-east-1_AbC123")).isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123");
        assertThat(MerchantTokens.issuer(CognitoPool.POOL_ID)).isEqualTo(CognitoPool.ISSUER);
        assertThatThrownBy(() -> MerchantTokens.issuer("https://evil.example/pool"))
                .hasMessageContaining("is not a Cognito user pool id");
    }

    @Test
    void theClientId_isReadWhenFirstNeeded_andKeptForAWhile() {
        AtomicInteger reads = new AtomicInteger();
        MutableClock clock = new MutableClock(NOW);
        CachedValue client = new CachedValue("the app client id", () -> "client-" + reads.incrementAndGet(),
                Duration.ofMinutes(10), clock);
        assertThat(reads).hasValue(0);

        assertThat(client.get()).isEqualTo("client-1");
        clock.advance(Duration.ofMinutes(9));
        assertThat(client.get()).isEqualTo("client-1");
        clock.advance(Duration.ofMinutes(2));
        assertThat(client.get()).isEqualTo("client-2");
    }

    private MerchantAuth.Caller caller(String bearer) {
        return auth.caller(Optional.of("Bearer " + bearer));
    }
}
