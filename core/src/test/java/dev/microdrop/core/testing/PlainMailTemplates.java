package dev.microdrop.core.testing;

import dev.microdrop.core.notification.MailTemplates;
import dev.microdrop.core.notification.Notification;
import dev.microdrop.core.notification.RenderedMail;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link MailTemplates} without template files: the model, sorted, as both parts; the same headers as the real
 * renderer ({@code MustacheMailTemplates}) for marketing mail, so the core's tests see what a mail service would.
 */
public final class PlainMailTemplates implements MailTemplates {

    @Override
    public RenderedMail render(Notification notification, Optional<URI> unsubscribe) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(RenderedMail.KIND_HEADER, notification.kind().name());
        if (notification.marketing()) {
            URI link = unsubscribe.orElseThrow(() -> new IllegalArgumentException("marketing mail needs an unsubscribe link"));
            headers.put("List-Unsubscribe", "<" + link + ">");
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        String body = new TreeMap<>(notification.model()).toString();
        return new RenderedMail(notification.kind(), notification.recipient(), notification.subject(), body,
                "<pre>" + body + "</pre>", headers);
    }
}
