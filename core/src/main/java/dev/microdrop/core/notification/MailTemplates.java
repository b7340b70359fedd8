package dev.microdrop.core.notification;

import java.net.URI;
import java.util.Optional;

/** Port out: turns a notification into the mail's text and HTML parts, from the kind's template files. */
public interface MailTemplates {

    /**
     * @param unsubscribe for a marketing mail, the recipient's one-click unsubscribe link (RFC 8058: the mail gets
     *                    {@code List-Unsubscribe} and {@code List-Unsubscribe-Post}); empty for a transactional one
     * @throws IllegalArgumentException for a marketing mail without an unsubscribe link
     */
    RenderedMail render(Notification notification, Optional<URI> unsubscribe);
}
