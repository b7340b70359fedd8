package dev.microdrop.core.notification;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends one notification, at most once per (kind, recipient, subject) as long as sends succeed, and at least once
 * when a delivery crashes:
 *
 * <ol>
 *   <li>a marketing mail needs the recipient's consent; no mail goes to a suppressed address;</li>
 *   <li>the mail is rendered (a template error is the template's, before anything is recorded);</li>
 *   <li>it is claimed ({@link SentMail#claim}): one conditional write puts its record in {@code SENDING}, unless
 *       one is {@code SENT} (done) or {@code SENDING} since less than {@link #lease} (another delivery is at it);</li>
 *   <li>with a send rate ({@link #send(Notification, Pacing)}), the rate is asked only now, once the mail is
 *       claimed: a mail sent already (or in flight) costs no wait. When the rate says later, the claim is withdrawn
 *       and the caller is told {@link SendOutcome.Throttled};</li>
 *   <li>it is sent, and its record becomes {@code SENT}. If the send throws, the claim is withdrawn and the
 *       exception goes on, so the delivery is retried and sends again at once.</li>
 * </ol>
 *
 * <p>A crash between the claim and the send leaves the record {@code SENDING}: a redelivery within the lease is
 * told {@link SendOutcome.InFlight} (try later), one after it takes the claim over and sends. The lease must be
 * longer than a send can take, or a slow send and its takeover would both mail; and shorter than the queue's
 * retries last, or the message is dead-lettered first.
 */
public final class Notifier {

    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);

    private final MailTemplates templates;
    private final MailSender sender;
    private final SentMail sentMail;
    private final Consents consents;
    private final Suppressions suppressions;
    private final SendKeys sendKeys;
    private final Clock clock;
    private final Duration lease;

    public Notifier(MailTemplates templates, MailSender sender, SentMail sentMail, Consents consents,
            Suppressions suppressions, SendKeys sendKeys, Clock clock, Duration lease) {
        this.templates = templates;
        this.sender = sender;
        this.sentMail = sentMail;
        this.consents = consents;
        this.suppressions = suppressions;
        this.sendKeys = sendKeys;
        this.clock = clock;
        this.lease = lease;
    }

    public SendOutcome send(Notification notification) {
        return send(notification, Pacing.unlimited());
    }

    /**
     * As {@link #send(Notification)}, the mail paced by {@code pacing}: admitted (one mail) after its claim and
     * before it goes, so a mail sent before, in flight, without consent or suppressed never waits on the rate.
     * {@link SendOutcome.Throttled} when the rate refuses: nothing was sent and the claim is withdrawn.
     */
    public SendOutcome send(Notification notification, Pacing pacing) {
        Optional<URI> unsubscribe = Optional.empty();
        if (notification.marketing()) {
            Optional<Consents.Consent> consent = consents.consentOf(notification.recipient());
            if (consent.isEmpty()) {
                return new SendOutcome.NoConsent();
            }
            unsubscribe = Optional.of(consent.get().unsubscribe());
        }
        if (Suppressions.blocks(suppressions.reason(notification.recipient()), notification.marketing())) {
            return new SendOutcome.Suppressed();
        }
        RenderedMail mail = templates.render(notification, unsubscribe);
        String key = sendKeys.of(notification);
        Instant now = clock.instant();
        switch (sentMail.claim(key, notification.kind(), now, now.minus(lease))) {
            case SentMail.Refused refused -> {
                return switch (refused.existing().state()) {
                    case SENT -> new SendOutcome.AlreadySent();
                    case SENDING -> new SendOutcome.InFlight(refused.existing().claimedAt().plus(lease));
                };
            }
            case SentMail.Claimed claimed -> {
                if (!pacing.admit(1)) {
                    sentMail.release(key, claimed.record().claimedAt());
                    return new SendOutcome.Throttled();
                }
                String messageId;
                try {
                    messageId = sender.send(mail);
                } catch (RuntimeException e) {
                    sentMail.release(key, claimed.record().claimedAt());
                    throw e;
                }
                sentMail.markSent(key, clock.instant());
                return new SendOutcome.Sent(messageId);
            }
        }
    }
}
