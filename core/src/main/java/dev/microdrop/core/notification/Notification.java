package dev.microdrop.core.notification;

import dev.microdrop.core.buyer.EmailAddress;
import java.util.Map;
import java.util.Objects;

/**
 * One mail to one person, before it is rendered.
 *
 * @param recipient the address, in its canonical form ({@link EmailAddress#canonical}); personal data: never in a
 *                  key, a log line or {@link #toString()}
 * @param subject   the subject line; with the kind and the recipient it names the mail, so it must say which
 *                  order or claim it is about (two receipts for two orders are two mails)
 * @param model     what the templates fill in; plain values, lists and maps
 * @param marketing a mail the buyer did not ask for by buying: sent only with their consent, and with a one-click
 *                  unsubscribe (the shop's early-access passes)
 */
public record Notification(NotificationKind kind, String recipient, String subject, Map<String, Object> model,
                           boolean marketing) {

    public Notification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        recipient = EmailAddress.canonical(recipient)
                .orElseThrow(() -> new IllegalArgumentException("the recipient is not an e-mail address"));
        if (subject.isBlank() || subject.length() > 200 || subject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("a subject is one line of 1 to 200 characters");
        }
        model = Map.copyOf(model);
    }

    /** A transactional mail: the buyer's own order or claim, which needs no consent. */
    public static Notification transactional(NotificationKind kind, String recipient, String subject,
            Map<String, Object> model) {
        return new Notification(kind, recipient, subject, model, false);
    }

    /** A marketing mail: sent only with the recipient's consent, with its one-click unsubscribe. */
    public static Notification marketing(NotificationKind kind, String recipient, String subject,
            Map<String, Object> model) {
        return new Notification(kind, recipient, subject, model, true);
    }

    @Override
    public String toString() {
        return "Notification[kind=" + kind + ", recipient=<redacted>, subject=" + subject + ", marketing=" + marketing
                + "]";
    }
}
