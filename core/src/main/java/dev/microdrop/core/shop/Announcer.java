package dev.microdrop.core.shop;

import dev.microdrop.core.audience.AudienceMember;
import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.notification.Notification;
import dev.microdrop.core.notification.Notifier;
import dev.microdrop.core.notification.Pacing;
import dev.microdrop.core.notification.SendOutcome;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Tells subscribed members about a drop, once each: each mail goes out once (the {@link Notifier}'s send record, by
 * kind, recipient and subject), waiting for the send rate only once it is claimed (a mail sent before costs no wait),
 * and each one sent is recorded as told. What the
 * shop's marketing mails share.
 *
 * <p>A delivery mails at most {@link #PER_DELIVERY} members, then says {@code Throttled}: the event comes back and
 * the next delivery goes on, so one publication to a large audience never runs into the function's timeout (which
 * would take the rest of its batch back with it).
 */
final class Announcer {

    /** The most mails one delivery sends: a few seconds at SES's pace, far inside the function's timeout. */
    static final int PER_DELIVERY = 40;

    private final ShopRecords records;
    private final Notifier notifier;
    private final Pacing pacing;
    private final boolean skipTold;

    /**
     * @param skipTold skip members told about the drop already, by any mail (an announcement: whoever got a pass or
     *                 the news needs no news); false for passes, which a member told only the news still needs
     */
    Announcer(ShopRecords records, Notifier notifier, Pacing pacing, boolean skipTold) {
        this.records = records;
        this.notifier = notifier;
        this.pacing = pacing;
        this.skipTold = skipTold;
    }

    LoyaltyPasses.Outcome tell(DomainEvent.DropPublished drop, Collection<AudienceMember> recipients,
            Function<AudienceMember, Notification> mail, Instant now) {
        Set<BuyerId> told = !skipTold ? Set.of() : records.notified().stream()
                .filter(n -> n.dropId().equals(drop.dropId())).map(Notified::buyerId).collect(Collectors.toSet());
        int mailed = 0;
        int toldBefore = 0;
        int withoutConsent = 0;
        for (AudienceMember member : recipients) {
            if (told.contains(member.buyerId())) {
                toldBefore++;
                continue;
            }
            if (mailed == PER_DELIVERY) {
                return new LoyaltyPasses.Throttled(mailed);
            }
            // Paced after the send record's claim: a member mailed before costs no wait on the send rate.
            switch (notifier.send(mail.apply(member), pacing)) {
                case SendOutcome.Sent ignored -> {
                    mailed++;
                    records.notified(new Notified(member.buyerId(), drop.dropId(), now));
                }
                case SendOutcome.AlreadySent ignored -> {
                    toldBefore++;
                    records.notified(new Notified(member.buyerId(), drop.dropId(), now));
                }
                case SendOutcome.NoConsent ignored -> withoutConsent++;
                case SendOutcome.Suppressed ignored -> withoutConsent++;
                case SendOutcome.Throttled ignored -> {
                    return new LoyaltyPasses.Throttled(mailed);
                }
                case SendOutcome.InFlight inFlight -> {
                    return new LoyaltyPasses.InFlight(inFlight.retryAfter());
                }
            }
        }
        return new LoyaltyPasses.Told(recipients.size(), mailed, toldBefore, withoutConsent);
    }
}
