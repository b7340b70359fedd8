package dev.microdrop.core.audience;

import dev.microdrop.core.audience.LinkTokens.Purpose;
import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.buyer.EmailAddress;
import dev.microdrop.core.checkout.Violation;
import dev.microdrop.core.drop.Ids;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shop's audience: who asked for marketing mail, with double opt-in, one-click unsubscribe (RFC 8058), access
 * and erasure. Members are keyed by {@link BuyerId}; the address is kept only to mail it. Every change is one
 * conditional write on the member's state ({@link AudienceMembers}); a write that loses a race is decided again on
 * what won. See docs/audience.md.
 */
public final class Audience {

    /** How long a double opt-in link works: a week covers a weekend away from the inbox. */
    public static final Duration DEFAULT_CONFIRM_WINDOW = Duration.ofDays(7);
    public static final int MAX_INTERESTS = 10;
    /** A member's interest is a tag as a drop's is, so the two can meet. */
    static final Pattern INTEREST = dev.microdrop.core.drop.DropListing.INTEREST;
    static final Pattern CONSENT_VERSION = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    /** A member's state changes a handful of times in its life; more losses in a row than this is a bug. */
    private static final int ATTEMPTS = 5;

    private final AudienceMembers members;
    private final BuyerIds ids;
    private final LinkTokens tokens;
    private final Duration confirmWindow;

    public Audience(AudienceMembers members, BuyerIds ids, LinkTokens tokens, Duration confirmWindow) {
        if (confirmWindow.isNegative() || confirmWindow.isZero()) {
            throw new IllegalArgumentException("the confirmation window must be positive");
        }
        this.members = members;
        this.ids = ids;
        this.tokens = tokens;
        this.confirmWindow = confirmWindow;
    }

    /**
     * Signs {@code email} up, pending confirmation: a new member, or a pending one's details replaced by the latest
     * (and a new token), or an unsubscribed or erased one back to pending (a new consent, to be confirmed again). A
     * subscribed member is left as is. {@code interests} is a set of tags: a tag given twice counts once, and a
     * violation's pointer ({@code /interests/<i>}) is its place in the collection's order, the request's for a list.
     */
    public SignUpOutcome signUp(String email, String consentTextVersion, Collection<String> interests, String homeHubId,
            Instant at) {
        List<Violation> violations = new ArrayList<>();
        Optional<String> address = EmailAddress.canonical(email);
        if (address.isEmpty()) {
            violations.add(new Violation("/email", "must be an e-mail address"));
        }
        if (consentTextVersion == null || !CONSENT_VERSION.matcher(consentTextVersion).matches()) {
            violations.add(new Violation("/consentTextVersion",
                    "must name the version of the consent text shown: 1 to 32 of A-Z a-z 0-9 . _ -"));
        }
        List<String> tags = interests == null ? List.of() : new ArrayList<>(interests);
        if (new LinkedHashSet<>(tags).size() > MAX_INTERESTS) {
            violations.add(new Violation("/interests", "at most " + MAX_INTERESTS + " interests"));
        }
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (tag == null || !INTEREST.matcher(tag).matches()) {
                violations.add(new Violation("/interests/" + i, "an interest is 1 to 32 of a-z 0-9 -"));
            }
        }
        if (homeHubId != null && !Ids.isId(homeHubId)) {
            violations.add(new Violation("/homeHubId", "must be a hub id: a lower-case slug of 1 to 64 characters"));
        }
        if (!violations.isEmpty()) {
            return new SignUpOutcome.Invalid(violations);
        }
        BuyerId buyer = ids.of(address.get());
        AudienceMember pending = AudienceMember.pending(buyer, address.get(), consentTextVersion, at,
                new LinkedHashSet<>(tags), homeHubId);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<AudienceMember> existing = members.putIfAbsent(pending);
            if (existing.isEmpty()) {
                return pendingAnswer(buyer, at, false);
            }
            MemberState state = existing.get().state();
            if (state == MemberState.SUBSCRIBED) {
                return new SignUpOutcome.AlreadySubscribed(buyer);
            }
            if (members.transition(pending, state)) {
                return pendingAnswer(buyer, at, state == MemberState.PENDING);
            }
        }
        throw new IllegalStateException("the sign-up of " + buyer + " lost " + ATTEMPTS + " races in a row");
    }

    /** Follows a double opt-in link: a pending member becomes subscribed; following it again changes nothing. */
    public ConfirmOutcome confirm(String token, Instant at) {
        LinkTokens.Verdict verdict = tokens.verify(token, Purpose.CONFIRM, at);
        if (verdict instanceof LinkTokens.Refused refused) {
            return new ConfirmOutcome.TokenRefused(refused.refusal());
        }
        BuyerId buyer = ((LinkTokens.Valid) verdict).buyer();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<AudienceMember> found = members.find(buyer);
            if (found.isEmpty()) {
                return new ConfirmOutcome.NothingPending(null);
            }
            AudienceMember member = found.get();
            switch (member.state()) {
                case SUBSCRIBED -> {
                    return new ConfirmOutcome.AlreadyConfirmed(member);
                }
                case UNSUBSCRIBED, ERASED -> {
                    return new ConfirmOutcome.NothingPending(member.state());
                }
                case PENDING -> {
                    AudienceMember confirmed = member.confirmed(at);
                    if (members.transition(confirmed, MemberState.PENDING)) {
                        return new ConfirmOutcome.Confirmed(confirmed);
                    }
                }
            }
        }
        throw new IllegalStateException("the confirmation of " + buyer + " lost " + ATTEMPTS + " races in a row");
    }

    /** One click from a mail's {@code List-Unsubscribe} link: no more marketing mail. Clicking again changes nothing. */
    public UnsubscribeOutcome unsubscribe(String token, Instant at) {
        LinkTokens.Verdict verdict = tokens.verify(token, Purpose.UNSUBSCRIBE, at);
        if (verdict instanceof LinkTokens.Refused refused) {
            return new UnsubscribeOutcome.TokenRefused(refused.refusal());
        }
        BuyerId buyer = ((LinkTokens.Valid) verdict).buyer();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<AudienceMember> found = members.find(buyer);
            if (found.isEmpty()) {
                return new UnsubscribeOutcome.NothingToWithdraw(null);
            }
            AudienceMember member = found.get();
            switch (member.state()) {
                case UNSUBSCRIBED, ERASED -> {
                    return new UnsubscribeOutcome.NothingToWithdraw(member.state());
                }
                case PENDING, SUBSCRIBED -> {
                    AudienceMember unsubscribed = member.unsubscribed(at);
                    if (members.transition(unsubscribed, member.state())) {
                        return new UnsubscribeOutcome.Unsubscribed(unsubscribed);
                    }
                }
            }
        }
        throw new IllegalStateException("the unsubscription of " + buyer + " lost " + ATTEMPTS + " races in a row");
    }

    /**
     * The member's one-click unsubscribe link: {@code base} with the token as its {@code token} query parameter.
     * The token does not expire (docs/audience.md says why), so every mail to a member carries the same link.
     */
    public URI unsubscribeUrl(BuyerId buyer, URI base) {
        String token = tokens.issue(Purpose.UNSUBSCRIBE, buyer, Optional.empty());
        String text = base.toString();
        return URI.create(text + (base.getRawQuery() == null ? "?" : "&") + "token=" + token);
    }

    /** Everything kept about {@code email}; empty when it is not an address, or not in the audience. */
    public Optional<MemberExport> export(String email) {
        return EmailAddress.canonical(email).flatMap(address -> export(ids.of(address)));
    }

    /** Everything kept about {@code buyer}; empty when not in the audience. For a privacy link, which names an id. */
    Optional<MemberExport> export(BuyerId buyer) {
        return members.find(buyer).map(MemberExport::of);
    }

    /**
     * Removes the address and every personal attribute of the member, leaving a tombstone (the buyer id and the
     * time), so no later click or event can bring the consent back without a new sign-up. Other stores' records
     * are {@link BuyerErasure}'s, not this.
     */
    public ErasureOutcome erase(String email, Instant at) {
        Optional<String> address = EmailAddress.canonical(email);
        if (address.isEmpty()) {
            return new ErasureOutcome.NotAMember();
        }
        return erase(ids.of(address.get()), at);
    }

    /** {@link #erase(String, Instant)} of the member {@code buyer}: for a privacy link, which names an id. */
    ErasureOutcome erase(BuyerId buyer, Instant at) {
        Optional<AudienceMember> before = members.erase(buyer, at);
        if (before.isPresent()) {
            return new ErasureOutcome.Erased(MemberExport.of(before.get()), at);
        }
        return members.find(buyer).filter(m -> m.state() == MemberState.ERASED)
                .<ErasureOutcome>map(m -> new ErasureOutcome.AlreadyErased(m.erasedAt()))
                .orElseGet(ErasureOutcome.NotAMember::new);
    }

    /** The member of {@code buyer}, for the {@link Consents} the notifier asks. */
    Optional<AudienceMember> member(BuyerId buyer) {
        return members.find(buyer);
    }

    BuyerIds ids() {
        return ids;
    }

    private SignUpOutcome.Pending pendingAnswer(BuyerId buyer, Instant at, boolean again) {
        Instant expiresAt = at.plus(confirmWindow);
        return new SignUpOutcome.Pending(buyer, tokens.issue(Purpose.CONFIRM, buyer, Optional.of(expiresAt)),
                expiresAt, again);
    }
}
