package dev.microdrop.core.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microdrop.core.audience.LinkTokens.Purpose;
import dev.microdrop.core.audience.LinkTokens.Refusal;
import dev.microdrop.core.buyer.BuyerId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
    private static final BuyerId BUYER = new BuyerId("b_" + "c".repeat(32));
    private final LinkTokens tokens = new LinkTokens("link-token-test-key-0123456789ab".getBytes(StandardCharsets.UTF_8));

    private static LinkTokens.Verdict refused(Refusal refusal) {
        return new LinkTokens.Refused(refusal);
    }

    @Test
    void issued_thenValidForItsPurpose_untilItExpires_andUrlSafe() {
        String token = tokens.issue(Purpose.CONFIRM, BUYER, Optional.of(NOW.plusSeconds(3600)));

        assertThat(token).matches("a1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(tokens.verify(token, Purpose.CONFIRM, NOW)).isEqualTo(new LinkTokens.Valid(BUYER));
        assertThat(tokens.verify(token, Purpose.CONFIRM, NOW.plusSeconds(3599))).isEqualTo(new LinkTokens.Valid(BUYER));
        assertThat(tokens.verify(token, Purpose.CONFIRM, NOW.plusSeconds(3600))).isEqualTo(refused(Refusal.EXPIRED));
    }

    @Test
    void withoutExpiry_thenValidForGood() {
        String token = tokens.issue(Purpose.UNSUBSCRIBE, BUYER, Optional.empty());

        assertThat(tokens.verify(token, Purpose.UNSUBSCRIBE, NOW.plusSeconds(20L * 365 * 86_400)))
                .isEqualTo(new LinkTokens.Valid(BUYER));
    }

    @Test
    void forOnePurpose_thenRefusedForTheOther_bothWays() {
        String confirm = tokens.issue(Purpose.CONFIRM, BUYER, Optional.of(NOW.plusSeconds(60)));
        String unsubscribe = tokens.issue(Purpose.UNSUBSCRIBE, BUYER, Optional.empty());

        assertThat(tokens.verify(confirm, Purpose.UNSUBSCRIBE, NOW)).isEqualTo(refused(Refusal.WRONG_PURPOSE));
        assertThat(tokens.verify(unsubscribe, Purpose.CONFIRM, NOW)).isEqualTo(refused(Refusal.WRONG_PURPOSE));
    }

    @Test
    void tampered_thenForged_whateverPartChanged() {
        String token = tokens.issue(Purpose.UNSUBSCRIBE, BUYER, Optional.empty());
        String[] parts = token.split("\\.");
        String otherBuyer = encode("unsubscribe|b_" + "d".repeat(32) + "|-");
        String confirmInstead = encode("confirm|" + BUYER.value() + "|-");

        assertThat(tokens.verify("a1." + otherBuyer + "." + parts[2], Purpose.UNSUBSCRIBE, NOW))
                .as("another buyer").isEqualTo(refused(Refusal.FORGED));
        assertThat(tokens.verify("a1." + confirmInstead + "." + parts[2], Purpose.CONFIRM, NOW))
                .as("the purpose rewritten").isEqualTo(refused(Refusal.FORGED));
        String flipped = parts[2].charAt(0) == 'A' ? "B" + parts[2].substring(1) : "A" + parts[2].substring(1);
        assertThat(tokens.verify("a1." + parts[1] + "." + flipped, Purpose.UNSUBSCRIBE, NOW))
                .as("the signature changed").isEqualTo(refused(Refusal.FORGED));
    }

    @Test
    void signedUnderAnotherKey_thenForged() {
        LinkTokens other = new LinkTokens("another-deployment-key-0123456789".getBytes(StandardCharsets.UTF_8));
        String token = other.issue(Purpose.CONFIRM, BUYER, Optional.of(NOW.plusSeconds(60)));

        assertThat(tokens.verify(token, Purpose.CONFIRM, NOW)).isEqualTo(refused(Refusal.FORGED));
    }

    @Test
    void notOneOfOurs_thenMalformed() {
        for (String token : new String[] {null, "", "a1", "a1..", "v1.abc.def", "a1.***.abc", "a1.abc.def.ghi",
                "x".repeat(600)}) {
            assertThat(tokens.verify(token, Purpose.CONFIRM, NOW)).as(String.valueOf(token))
                    .isIn(refused(Refusal.MALFORMED), refused(Refusal.FORGED));
        }
        assertThat(tokens.verify("a1.***.abc", Purpose.CONFIRM, NOW)).isEqualTo(refused(Refusal.MALFORMED));
    }

    @Test
    void aShortKey_isRefused() {
        assertThatThrownBy(() -> new LinkTokens(new byte[15])).hasMessageContaining("at least 16 bytes");
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
