package dev.microdrop.core.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.audience.LinkTokens;
import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.checkout.AccessTokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The tokens' format is a promise to what is already out there (unsubscribe links in mailboxes, passes in inboxes): a
 * token built by hand from the documented format opens, and the kinds never open each other's.
 */
class SignedTokensTest {

    private static final byte[] KEY = "signed-tokens-test-key-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final BuyerId ADA = new BuyerId("b_" + "a".repeat(32));
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aTokenBuiltByHandFromTheDocumentedFormat_opens_forItsKindOnly() throws Exception {
        String unsubscribe = byHand("a1", "microdrop/audience-link/a1:", "unsubscribe|" + ADA.value() + "|-");
        String pass = byHand("v1", "microdrop/access-token/v1:", "neon|" + ADA.value() + "|"
                + NOW.plusSeconds(86_400).getEpochSecond());

        assertThat(new LinkTokens(KEY).verify(unsubscribe, LinkTokens.Purpose.UNSUBSCRIBE, NOW))
                .isEqualTo(new LinkTokens.Valid(ADA));
        assertThat(new AccessTokens(KEY).refusal(pass, "neon", ADA, NOW)).isNull();
        assertThat(new AccessTokens(KEY).refusal(unsubscribe, "neon", ADA, NOW)).isEqualTo("malformed access token");
        String passAsLink = "a1" + pass.substring(2);
        assertThat(new LinkTokens(KEY).verify(passAsLink, LinkTokens.Purpose.UNSUBSCRIBE, NOW))
                .as("another kind's signature, under the same key").isEqualTo(new LinkTokens.Refused(
                        LinkTokens.Refusal.FORGED));
    }

    @Test
    void opening_refusesWhatIsNotOurs_beforeBelievingAnything() {
        SignedTokens tokens = new SignedTokens(KEY, "test key", "test", "t1");
        String token = tokens.issue("x", "y");

        assertThat(tokens.open(token)).isEqualTo(new SignedTokens.Fields(List.of("x", "y")));
        assertThat(tokens.open(token + ".")).isInstanceOf(SignedTokens.Malformed.class);
        assertThat(tokens.open("t2" + token.substring(2))).isInstanceOf(SignedTokens.Malformed.class);
        assertThat(tokens.open("t1.@@.##")).isInstanceOf(SignedTokens.Malformed.class);
        assertThat(tokens.open("t1." + "A".repeat(600) + ".AA")).isInstanceOf(SignedTokens.Malformed.class);
        assertThat(tokens.open(null)).isInstanceOf(SignedTokens.Malformed.class);
        assertThat(new SignedTokens("another-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8), "test key",
                "test", "t1").open(token)).isInstanceOf(SignedTokens.Forged.class);
    }

    private static String byHand(String version, String prefix, String fields) throws Exception {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(fields.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] signature = mac.doFinal((prefix + payload).getBytes(StandardCharsets.UTF_8));
        return version + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }
}
