package dev.microdrop.shop;

import dev.microdrop.core.audience.SignUpOutcome;
import dev.microdrop.core.notification.Notification;
import dev.microdrop.core.notification.NotificationKind;
import dev.microdrop.core.notification.Notifier;
import dev.microdrop.core.notification.SendOutcome;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The double opt-in mail of a pending sign-up: its confirmation link, {@code <storefront>/subscribe/?token=...},
 * through the {@link Notifier} (which records the send and mails once per kind, address and subject).
 *
 * <p>The subject names the link's expiry to the minute, and the notifier mails a (kind, address, subject) once: so an
 * address gets at most one confirmation mail a minute, however often it is signed up (a double click, a retried
 * request, or someone mail-bombing it), and signing up again later (the first mail got lost) mails a new link. A
 * sign-up in the same minute as the last needs no mail of its own: link tokens are not tied to one sign-up, so the
 * link already mailed confirms the latest details.
 */
public final class SignUpMails {

    /** A link's expiry as its mail's subject and body name it, to the minute (PrivacyMails' too). */
    static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Notifier notifier;
    private final URI subscribePage;

    public SignUpMails(Notifier notifier, URI subscribePage) {
        this.notifier = notifier;
        this.subscribePage = subscribePage;
    }

    public SendOutcome send(String email, SignUpOutcome.Pending pending) {
        String until = UNTIL.format(pending.expiresAt());
        return notifier.send(Notification.transactional(NotificationKind.CONFIRM_SIGNUP, email,
                "Confirm your sign-up (link valid until " + until + ")",
                Map.of("confirmUrl", subscribePage + "?token=" + pending.confirmToken(), "expiresAt", until)));
    }
}
