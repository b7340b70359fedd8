package dev.microdrop.shop;

import dev.microdrop.core.audience.PrivacyRequestOutcome;
import dev.microdrop.core.audience.PrivacyRequests;
import dev.microdrop.core.notification.Notification;
import dev.microdrop.core.notification.NotificationKind;
import dev.microdrop.core.notification.Notifier;
import dev.microdrop.core.notification.SendOutcome;
import java.net.URI;
import java.util.Map;

/**
 * The mail of a privacy request: its signed link, {@code <storefront>/privacy/?request=<export|erase>&token=...},
 * through the {@link Notifier} (a send record; once per kind, address and subject). As for the double opt-in mail,
 * the subject names the link's expiry to the minute, so an address gets at most one such mail of each kind a minute
 * however often it is asked for.
 */
public final class PrivacyMails {

    private final Notifier notifier;
    private final URI privacyPage;

    public PrivacyMails(Notifier notifier, URI privacyPage) {
        this.notifier = notifier;
        this.privacyPage = privacyPage;
    }

    public SendOutcome send(PrivacyRequestOutcome.MailLink link) {
        String until = SignUpMails.UNTIL.format(link.expiresAt());
        boolean export = link.request() == PrivacyRequests.Request.EXPORT;
        return notifier.send(Notification.transactional(
                export ? NotificationKind.PRIVACY_EXPORT : NotificationKind.PRIVACY_ERASE, link.address(),
                (export ? "Your data at the shop" : "Erase your data from the shop") + " (link valid until " + until
                        + ")",
                Map.of("link", privacyPage + "?request=" + link.request().code() + "&token=" + link.token(),
                        "expiresAt", until)));
    }
}
