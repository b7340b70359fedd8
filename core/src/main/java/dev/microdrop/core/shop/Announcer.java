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
 * Tells subscribed members about a drop, once each: a member told about it already ({@link ShopRecords#notified}, by
 * a pass or an announcement) is skipped, each mail waits for the send rate, and each one sent is recorded as told.
 * What the shop's marketing mails share.
 */
final class Announcer {

    private final ShopRecords records;
    private final Notifier notifier;
    private final Pacing pacing;

    Announcer(ShopRecords records, Notifier notifier, Pacing pacing) {
        this.records = records;
        this.notifier = notifier;
        this.pacing = pacing;
    }

    LoyaltyPasses.Outcome tell(DomainEvent.DropPublished drop, Collection<AudienceMember> recipients,
            Function<AudienceMember, Notification> mail, Instant now) {
        Set<BuyerId> told = records.notified().stream().filter(n -> n.dropId().equals(drop.dropId()))
                .map(Notified::buyerId).collect(Collectors.toSet());
        int mailed = 0;
        int toldBefore = 0;
        int withoutConsent = 0;
        for (AudienceMember member : recipients) {
            if (told.contains(member.buyerId())) {
                toldBefore++;
                continue;
            }
            if (!pacing.admit(1)) {
                return new LoyaltyPasses.Throttled(mailed);
            }
            SendOutcome sent = notifier.send(mail.apply(member));
            switch (sent) {
                case SendOutcome.Sent ignored -> mailed++;
                case SendOutcome.AlreadySent ignored -> toldBefore++;
                case SendOutcome.NoConsent ignored -> withoutConsent++;
                case SendOutcome.Suppressed ignored -> withoutConsent++;
                case SendOutcome.InFlight inFlight -> {
                    return new LoyaltyPasses.InFlight(inFlight.retryAfter());
                }
            }
            if (sent instanceof SendOutcome.Sent || sent instanceof SendOutcome.AlreadySent) {
                records.notified(new Notified(member.buyerId(), drop.dropId(), now));
            }
        }
        return new LoyaltyPasses.Told(recipients.size(), mailed, toldBefore, withoutConsent);
    }
}
