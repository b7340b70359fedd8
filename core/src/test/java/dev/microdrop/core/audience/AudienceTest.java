package dev.microdrop.core.audience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.audience.LinkTokens.Purpose;
import dev.microdrop.core.audience.LinkTokens.Refusal;
import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.Violation;
import dev.microdrop.core.notification.Consents;
import dev.microdrop.core.testing.InMemoryAudienceMembers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AudienceTest {

    private static final Instant T0 = Instant.parse("2026-12-02T18:00:00Z");
    private static final URI BASE = URI.create("https://shop.example/unsubscribe");
    private static final byte[] KEY = "audience-test-key-0123456789abcd".getBytes(StandardCharsets.UTF_8);

    private final InMemoryAudienceMembers members = new InMemoryAudienceMembers();
    private final BuyerIds ids = new BuyerIds("buyer-id-test-key-0123456789abcd".getBytes(StandardCharsets.UTF_8));
    private final LinkTokens tokens = new LinkTokens(KEY);
    private final Audience audience = new Audience(members, ids, tokens, Duration.ofDays(7));
    private final Consents consents = new AudienceConsents(audience, BASE);

    private SignUpOutcome.Pending signUpAda(Instant at) {
        return (SignUpOutcome.Pending) audience.signUp(" Ada@Example.com", "2026-11", Set.of("sneakers"), "north", at);
    }

    private String unsubscribeToken(BuyerId buyer) {
        return audience.unsubscribeUrl(buyer, BASE).getQuery().substring("token=".length());
    }

    // Sign-up

    @Test
    void signUp_thenPendingKeyedByBuyerId_withTheConsentAndATokenThatExpiresAfterTheWindow() {
        SignUpOutcome.Pending pending = signUpAda(T0);

        assertThat(pending.buyerId()).isEqualTo(ids.of("ada@example.com"));
        assertThat(pending.again()).isFalse();
        assertThat(pending.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
        assertThat(tokens.verify(pending.confirmToken(), Purpose.CONFIRM, T0)).isEqualTo(new LinkTokens.Valid(pending.buyerId()));
        assertThat(members.find(pending.buyerId())).hasValueSatisfying(m -> {
            assertThat(m.state()).isEqualTo(MemberState.PENDING);
            assertThat(m.email()).isEqualTo("ada@example.com");
            assertThat(m.consentTextVersion()).isEqualTo("2026-11");
            assertThat(m.signedUpAt()).isEqualTo(T0);
            assertThat(m.interests()).containsExactly("sneakers");
            assertThat(m.homeHubId()).isEqualTo("north");
        });
        assertThat(consents.consentOf("ada@example.com")).as("pending: no marketing mail").isEmpty();
    }

    @Test
    void signUp_whilePending_thenANewTokenAndTheLatestDetails_noSecondMember() {
        signUpAda(T0);

        SignUpOutcome again = audience.signUp("ada@example.com", "2026-12", Set.of("tees"), null, T0.plusSeconds(60));

        assertThat(again).isInstanceOfSatisfying(SignUpOutcome.Pending.class, p -> {
            assertThat(p.again()).isTrue();
            assertThat(p.expiresAt()).isEqualTo(T0.plusSeconds(60).plus(Duration.ofDays(7)));
        });
        assertThat(members.find(ids.of("ada@example.com"))).hasValueSatisfying(m -> {
            assertThat(m.consentTextVersion()).isEqualTo("2026-12");
            assertThat(m.signedUpAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(m.interests()).containsExactly("tees");
            assertThat(m.homeHubId()).isNull();
        });
    }

    @Test
    void signUp_whileSubscribed_thenNothingChanges() {
        SignUpOutcome.Pending pending = signUpAda(T0);
        audience.confirm(pending.confirmToken(), T0.plusSeconds(10));
        AudienceMember before = members.find(pending.buyerId()).orElseThrow();

        assertThat(audience.signUp("ada@example.com", "2026-12", Set.of(), null, T0.plusSeconds(20)))
                .isEqualTo(new SignUpOutcome.AlreadySubscribed(pending.buyerId()));
        assertThat(members.find(pending.buyerId())).contains(before);
    }

    @Test
    void signUp_afterUnsubscribing_thenPendingAgain_withANewConsentToConfirm() {
        SignUpOutcome.Pending first = signUpAda(T0);
        audience.confirm(first.confirmToken(), T0.plusSeconds(10));
        audience.unsubscribe(unsubscribeToken(first.buyerId()), T0.plusSeconds(20));

        SignUpOutcome.Pending second = signUpAda(T0.plusSeconds(30));

        assertThat(second.again()).isFalse();
        assertThat(members.find(first.buyerId())).hasValueSatisfying(m -> {
            assertThat(m.state()).isEqualTo(MemberState.PENDING);
            assertThat(m.confirmedAt()).isNull();
            assertThat(m.unsubscribedAt()).isNull();
        });
        assertThat(consents.consentOf("ada@example.com")).isEmpty();
    }

    @Test
    void signUp_whenInvalid_thenEveryViolationNamed_andNothingStored() {
        List<String> eleven = IntStream.range(0, 11).mapToObj(i -> "tag-" + i).toList();
        List<String> badTags = List.of("ok", "Sneakers", "x".repeat(33), "with space");

        SignUpOutcome outcome = audience.signUp("not-an-address", " ", new LinkedHashSet<>(badTags), "North Hub", T0);
        SignUpOutcome tooMany = audience.signUp("ada@example.com", "v1", new LinkedHashSet<>(eleven), null, T0);

        assertThat(outcome).isInstanceOfSatisfying(SignUpOutcome.Invalid.class, invalid -> assertThat(invalid.violations())
                .extracting(Violation::pointer)
                .containsExactly("/email", "/consentTextVersion", "/interests/1", "/interests/2", "/interests/3", "/homeHubId"));
        assertThat(outcome).isInstanceOfSatisfying(SignUpOutcome.Invalid.class, invalid -> assertThat(invalid.violations())
                .extracting(Violation::detail)
                .contains("must be an e-mail address", "an interest is 1 to 32 of a-z 0-9 -"));
        assertThat(tooMany).isEqualTo(new SignUpOutcome.Invalid(List.of(new Violation("/interests", "at most 10 interests"))));
        assertThat(audience.signUp(null, null, null, null, T0)).isInstanceOf(SignUpOutcome.Invalid.class);
        assertThat(audience.export("ada@example.com")).isEmpty();
    }

    @Test
    void signUp_withTenInterestsAndNoHub_isValid() {
        Set<String> ten = new LinkedHashSet<>(IntStream.range(0, 10).mapToObj(i -> "tag-" + i).toList());

        assertThat(audience.signUp("ada@example.com", "v1", ten, null, T0)).isInstanceOf(SignUpOutcome.Pending.class);
    }

    // Confirm

    @Test
    void confirm_thenSubscribed_andAConsentWithTheUnsubscribeLink_andAgainIsANoOp() {
        SignUpOutcome.Pending pending = signUpAda(T0);

        ConfirmOutcome first = audience.confirm(pending.confirmToken(), T0.plusSeconds(10));
        ConfirmOutcome second = audience.confirm(pending.confirmToken(), T0.plusSeconds(20));

        assertThat(first).isInstanceOfSatisfying(ConfirmOutcome.Confirmed.class,
                c -> assertThat(c.member().confirmedAt()).isEqualTo(T0.plusSeconds(10)));
        assertThat(second).isInstanceOfSatisfying(ConfirmOutcome.AlreadyConfirmed.class,
                c -> assertThat(c.member().confirmedAt()).isEqualTo(T0.plusSeconds(10)));
        assertThat(consents.consentOf("ADA@example.com ")).hasValueSatisfying(consent -> {
            assertThat(consent.unsubscribe().toString()).startsWith(BASE + "?token=a1.");
            assertThat(consent.unsubscribe().toString()).doesNotContain("ada", "example.com");
        });
    }

    @Test
    void confirm_whenExpired_thenRefused_andStillPending() {
        SignUpOutcome.Pending pending = signUpAda(T0);

        assertThat(audience.confirm(pending.confirmToken(), pending.expiresAt()))
                .isEqualTo(new ConfirmOutcome.TokenRefused(Refusal.EXPIRED));
        assertThat(members.find(pending.buyerId()).orElseThrow().state()).isEqualTo(MemberState.PENDING);
    }

    @Test
    void confirm_withAnUnsubscribeToken_orAForgedOne_thenRefused() {
        SignUpOutcome.Pending pending = signUpAda(T0);
        String forged = new LinkTokens("someone-elses-key-0123456789abcd".getBytes(StandardCharsets.UTF_8))
                .issue(Purpose.CONFIRM, pending.buyerId(), Optional.of(T0.plusSeconds(600)));

        assertThat(audience.confirm(unsubscribeToken(pending.buyerId()), T0))
                .isEqualTo(new ConfirmOutcome.TokenRefused(Refusal.WRONG_PURPOSE));
        assertThat(audience.confirm(forged, T0)).isEqualTo(new ConfirmOutcome.TokenRefused(Refusal.FORGED));
        assertThat(audience.confirm("a1.tampered", T0)).isEqualTo(new ConfirmOutcome.TokenRefused(Refusal.MALFORMED));
        assertThat(members.find(pending.buyerId()).orElseThrow().state()).isEqualTo(MemberState.PENDING);
    }

    @Test
    void confirm_afterUnsubscribingOrErasure_thenNothingPending_andNoConsentComesBack() {
        SignUpOutcome.Pending pending = signUpAda(T0);
        audience.unsubscribe(unsubscribeToken(pending.buyerId()), T0.plusSeconds(5));

        assertThat(audience.confirm(pending.confirmToken(), T0.plusSeconds(10)))
                .isEqualTo(new ConfirmOutcome.NothingPending(MemberState.UNSUBSCRIBED));
        audience.erase("ada@example.com", T0.plusSeconds(20));
        assertThat(audience.confirm(pending.confirmToken(), T0.plusSeconds(30)))
                .isEqualTo(new ConfirmOutcome.NothingPending(MemberState.ERASED));
        assertThat(consents.consentOf("ada@example.com")).isEmpty();
    }

    // Unsubscribe

    @Test
    void unsubscribe_thenNoConsent_andAgainIsANoOp_withAnOldLink() {
        SignUpOutcome.Pending pending = signUpAda(T0);
        audience.confirm(pending.confirmToken(), T0.plusSeconds(10));
        String link = unsubscribeToken(pending.buyerId());

        UnsubscribeOutcome first = audience.unsubscribe(link, T0.plus(Duration.ofDays(3 * 365)));
        UnsubscribeOutcome second = audience.unsubscribe(link, T0.plus(Duration.ofDays(3 * 365 + 1)));

        assertThat(first).isInstanceOfSatisfying(UnsubscribeOutcome.Unsubscribed.class, u -> {
            assertThat(u.member().unsubscribedAt()).isEqualTo(T0.plus(Duration.ofDays(3 * 365)));
            assertThat(u.member().confirmedAt()).isEqualTo(T0.plusSeconds(10));
        });
        assertThat(second).isEqualTo(new UnsubscribeOutcome.NothingToWithdraw(MemberState.UNSUBSCRIBED));
        assertThat(consents.consentOf("ada@example.com")).isEmpty();
    }

    @Test
    void unsubscribe_whilePending_thenUnsubscribed() {
        SignUpOutcome.Pending pending = signUpAda(T0);

        assertThat(audience.unsubscribe(unsubscribeToken(pending.buyerId()), T0.plusSeconds(1)))
                .isInstanceOf(UnsubscribeOutcome.Unsubscribed.class);
        assertThat(members.find(pending.buyerId()).orElseThrow().state()).isEqualTo(MemberState.UNSUBSCRIBED);
    }

    @Test
    void unsubscribe_withAConfirmToken_orATamperedOne_thenRefused_andNoMember_isNothingToWithdraw() {
        SignUpOutcome.Pending pending = signUpAda(T0);
        String token = unsubscribeToken(pending.buyerId());
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        assertThat(audience.unsubscribe(pending.confirmToken(), T0))
                .isEqualTo(new UnsubscribeOutcome.TokenRefused(Refusal.WRONG_PURPOSE));
        assertThat(audience.unsubscribe(tampered, T0)).isEqualTo(new UnsubscribeOutcome.TokenRefused(Refusal.FORGED));
        assertThat(audience.unsubscribe(unsubscribeToken(ids.of("grace@example.com")), T0))
                .isEqualTo(new UnsubscribeOutcome.NothingToWithdraw(null));
        assertThat(members.find(pending.buyerId()).orElseThrow().state()).isEqualTo(MemberState.PENDING);
    }

    @Test
    void unsubscribeUrl_keepsTheBasesQuery() {
        URI url = audience.unsubscribeUrl(ids.of("ada@example.com"), URI.create("https://shop.example/u?list=shop"));

        assertThat(url.toString()).matches("https://shop\\.example/u\\?list=shop&token=a1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    // Export and erasure

    @Test
    void export_thenEverythingKept_andNothingForAStranger() {
        SignUpOutcome.Pending pending = signUpAda(T0);
        audience.confirm(pending.confirmToken(), T0.plusSeconds(10));

        assertThat(audience.export("ada@EXAMPLE.com")).contains(new MemberExport("ada@example.com",
                MemberState.SUBSCRIBED, "2026-11", T0, T0.plusSeconds(10), null, Set.of("sneakers"), "north", null));
        assertThat(audience.export("grace@example.com")).isEmpty();
        assertThat(audience.export("not an address")).isEmpty();
    }

    @Test
    void erase_thenTheAddressAndPersonalAttributesAreGone_aTombstoneStays_andWhatWasErasedComesBack() {
        SignUpOutcome.Pending pending = signUpAda(T0);
        audience.confirm(pending.confirmToken(), T0.plusSeconds(10));
        MemberExport before = audience.export("ada@example.com").orElseThrow();

        ErasureOutcome erased = audience.erase("Ada@example.com", T0.plusSeconds(20));

        assertThat(erased).isEqualTo(new ErasureOutcome.Erased(before, T0.plusSeconds(20)));
        assertThat(members.find(pending.buyerId())).contains(AudienceMember.erased(pending.buyerId(), T0.plusSeconds(20)));
        assertThat(audience.export("ada@example.com")).contains(new MemberExport(null, MemberState.ERASED, null, null,
                null, null, Set.of(), null, T0.plusSeconds(20)));
        assertThat(consents.consentOf("ada@example.com")).isEmpty();
        assertThat(audience.erase("ada@example.com", T0.plusSeconds(30)))
                .isEqualTo(new ErasureOutcome.AlreadyErased(T0.plusSeconds(20)));
        assertThat(audience.erase("grace@example.com", T0)).isEqualTo(new ErasureOutcome.NotAMember());
        assertThat(audience.unsubscribe(unsubscribeToken(pending.buyerId()), T0.plusSeconds(40)))
                .isEqualTo(new UnsubscribeOutcome.NothingToWithdraw(MemberState.ERASED));
    }

    @Test
    void signUp_afterErasure_isANewSignUp_thatNeedsItsOwnConfirmation() {
        signUpAda(T0);
        audience.erase("ada@example.com", T0.plusSeconds(10));

        SignUpOutcome.Pending again = signUpAda(T0.plusSeconds(20));

        assertThat(members.find(again.buyerId())).hasValueSatisfying(m -> {
            assertThat(m.state()).isEqualTo(MemberState.PENDING);
            assertThat(m.erasedAt()).isNull();
        });
        assertThat(consents.consentOf("ada@example.com")).isEmpty();
    }

    // Consents

    @Test
    void consents_forAStrangerOrTextThatIsNoAddress_areNone() {
        assertThat(consents.consentOf("grace@example.com")).isEmpty();
        assertThat(consents.consentOf("nobody")).isEmpty();
    }
}
