package dev.microdrop.core.audience;

import dev.microdrop.core.audience.LinkTokens.Purpose;
import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.buyer.EmailAddress;
import dev.microdrop.core.checkout.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A buyer's privacy requests (GDPR art. 15 and 17): a copy of everything the shop and its drops keep about an
 * address, and its erasure. Whoever asks, the answer is a signed link mailed to the address ({@link #request}), the
 * same whether or not the shop knows it (no one learns who is a buyer or a member by asking); only the link, which
 * names the buyer's id and never the address, opens the export ({@link #export}) or erases ({@link #erase}).
 *
 * <p>The erasure runs the audience's (a tombstone) and then every {@link BuyerErasure} (each drop's table; locally
 * the one table and the mailbox). Each is idempotent, so following the link again, or after a failure half-way,
 * finishes the job. What the books need (orders, lines, amounts, ledger entries, counters) stays, by id only, so the
 * reconciliation still balances. See docs/audience.md.
 */
public final class PrivacyRequests {

    /** How long a privacy link works: a day, enough to read the mail; a leaked old mail opens nothing. */
    public static final Duration DEFAULT_LINK_WINDOW = Duration.ofHours(24);

    /** What the person asks for; the request's {@code request} field is its code. */
    public enum Request {
        EXPORT("export", Purpose.EXPORT), ERASE("erase", Purpose.ERASE);

        private final String code;
        private final Purpose purpose;

        Request(String code, Purpose purpose) {
            this.code = code;
            this.purpose = purpose;
        }

        public String code() {
            return code;
        }

        static Optional<Request> of(String code) {
            for (Request request : values()) {
                if (request.code.equals(code)) {
                    return Optional.of(request);
                }
            }
            return Optional.empty();
        }
    }

    private final Audience audience;
    private final LinkTokens tokens;
    private final List<BuyerRecords> records;
    private final List<BuyerErasure> erasures;
    private final Duration linkWindow;

    public PrivacyRequests(Audience audience, LinkTokens tokens, List<BuyerRecords> records,
            List<BuyerErasure> erasures, Duration linkWindow) {
        if (linkWindow.isNegative() || linkWindow.isZero()) {
            throw new IllegalArgumentException("the privacy link's window must be positive");
        }
        this.audience = audience;
        this.tokens = tokens;
        this.records = List.copyOf(records);
        this.erasures = List.copyOf(erasures);
        this.linkWindow = linkWindow;
    }

    /**
     * A request for {@code email}'s export or erasure: the link to mail to the address. Nothing is read or written:
     * the answer is the same for an address the shop has never seen.
     */
    public PrivacyRequestOutcome request(String email, String request, Instant at) {
        List<Violation> violations = new ArrayList<>();
        Optional<String> address = EmailAddress.canonical(email);
        if (address.isEmpty()) {
            violations.add(new Violation("/email", "must be an e-mail address"));
        }
        Optional<Request> kind = Request.of(request);
        if (kind.isEmpty()) {
            violations.add(new Violation("/request", "must be \"export\" or \"erase\""));
        }
        if (!violations.isEmpty()) {
            return new PrivacyRequestOutcome.Invalid(violations);
        }
        BuyerId buyer = audience.ids().of(address.get());
        Instant expiresAt = at.plus(linkWindow);
        return new PrivacyRequestOutcome.MailLink(address.get(), kind.get(),
                tokens.issue(kind.get().purpose, buyer, Optional.of(expiresAt)), expiresAt);
    }

    /** Everything kept about the link's buyer: the audience's member and each store's records. Writes nothing. */
    public PrivacyOutcome export(String token, Instant at) {
        LinkTokens.Verdict verdict = tokens.verify(token, Purpose.EXPORT, at);
        if (verdict instanceof LinkTokens.Refused refused) {
            return new PrivacyOutcome.TokenRefused(refused.refusal());
        }
        BuyerId buyer = ((LinkTokens.Valid) verdict).buyer();
        List<BuyerRecords.Kept> kept = records.stream().map(store -> store.export(buyer))
                .filter(k -> !k.isEmpty()).toList();
        return new PrivacyOutcome.Exported(new BuyerExport(audience.export(buyer), kept));
    }

    /**
     * Erases the link's buyer: the audience's member becomes a tombstone, then each store erases its records. A
     * store that fails throws after the ones before it erased; following the link again finishes (each is
     * idempotent).
     */
    public PrivacyOutcome erase(String token, Instant at) {
        LinkTokens.Verdict verdict = tokens.verify(token, Purpose.ERASE, at);
        if (verdict instanceof LinkTokens.Refused refused) {
            return new PrivacyOutcome.TokenRefused(refused.refusal());
        }
        BuyerId buyer = ((LinkTokens.Valid) verdict).buyer();
        ErasureOutcome member = audience.erase(buyer, at);
        List<BuyerErasure.Erased> erased = erasures.stream().map(store -> store.erase(buyer, at)).toList();
        return new PrivacyOutcome.Erased(member, erased);
    }
}
