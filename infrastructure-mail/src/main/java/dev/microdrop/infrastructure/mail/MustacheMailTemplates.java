package dev.microdrop.infrastructure.mail;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.microdrop.core.notification.MailTemplates;
import dev.microdrop.core.notification.Notification;
import dev.microdrop.core.notification.NotificationKind;
import dev.microdrop.core.notification.RenderedMail;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mail of each kind from two template files on the classpath, {@code <folder>/<kind>.txt.mustache} and
 * {@code <folder>/<kind>.html.mustache} (e.g. {@code mail/order-receipt.html.mustache}), rendered with JMustache: the
 * HTML part HTML-escaped, the text part not. A variable the model lacks is an error, not an empty string, so a
 * template and its model cannot drift apart silently. Marketing mail gets RFC 8058's one-click unsubscribe headers.
 */
public final class MustacheMailTemplates implements MailTemplates {

    public static final String FOLDER = "mail";

    private final String folder;
    private final Mustache.Compiler html = Mustache.compiler();
    private final Mustache.Compiler text = Mustache.compiler().escapeHTML(false);
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();

    public MustacheMailTemplates() {
        this(FOLDER);
    }

    public MustacheMailTemplates(String folder) {
        this.folder = folder;
    }

    /** Compiles every kind's templates now: a missing or broken template fails the start, not the first mail. */
    public MustacheMailTemplates compileAll() {
        return compile(EnumSet.allOf(NotificationKind.class));
    }

    /**
     * Compiles these kinds' templates now, for a function that sends only them and carries only their files (the
     * shop sends the double opt-in mail; the notifications function the order mails).
     */
    public MustacheMailTemplates compile(Set<NotificationKind> kinds) {
        for (NotificationKind kind : kinds) {
            template(kind, "txt");
            template(kind, "html");
        }
        return this;
    }

    @Override
    public RenderedMail render(Notification notification, Optional<URI> unsubscribe) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(RenderedMail.KIND_HEADER, notification.kind().name());
        Map<String, Object> model = new LinkedHashMap<>(notification.model());
        model.put("subject", notification.subject());
        if (notification.marketing()) {
            URI link = unsubscribe.orElseThrow(() -> new IllegalArgumentException(
                    "a marketing mail needs the recipient's unsubscribe link"));
            headers.put("List-Unsubscribe", "<" + link + ">");
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            model.put("unsubscribeUrl", link.toString());
        }
        return new RenderedMail(notification.kind(), notification.recipient(), notification.subject(),
                template(notification.kind(), "txt").execute(model), template(notification.kind(), "html").execute(model),
                headers);
    }

    private Template template(NotificationKind kind, String part) {
        String path = folder + "/" + kind.template() + "." + part + ".mustache";
        return compiled.computeIfAbsent(path, p -> {
            try (InputStream in = MustacheMailTemplates.class.getClassLoader().getResourceAsStream(p)) {
                if (in == null) {
                    throw new IllegalStateException("no mail template " + p + " on the classpath");
                }
                String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return (part.equals("html") ? html : text).compile(source);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
