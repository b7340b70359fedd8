package dev.microdrop.core.notification;

import java.util.Map;
import java.util.Objects;

/**
 * A mail ready to hand to a {@link MailSender}: both parts and the headers beyond From/To/Subject (e.g.
 * {@code List-Unsubscribe} for marketing mail, and {@link #KIND_HEADER}).
 */
public record RenderedMail(NotificationKind kind, String to, String subject, String text, String html,
                           Map<String, String> headers) {

    /** Names the mail's kind for tools reading the mailbox (the local runtime's {@code /mail/} page); no personal data. */
    public static final String KIND_HEADER = "X-Microdrop-Kind";

    public RenderedMail {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "RenderedMail[kind=" + kind + ", to=<redacted>, subject=" + subject + "]";
    }
}
