package dev.microdrop.local.mail;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import dev.microdrop.core.audience.BuyerErasure;
import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.buyer.EmailAddress;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.local.http.Problem;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * The local runtime's mail service: GreenMail, a real SMTP server in this process on a free loopback port, which
 * the notifications function sends to ({@code MICRODROP_MAIL_TRANSPORT=smtp}); and {@code GET /mail/}, a page
 * listing what it received (subject, recipient, kind, time, both parts). Local only: nothing like it exists on AWS.
 *
 * <p>Its store is the runtime's record of sent mail, the one place locally that keeps addresses outside the table,
 * so a buyer's erasure empties it of their mail ({@link #erasure}): on AWS, SES hands a mail on and keeps no copy
 * we could read back, and the shop keeps no mail either (only send records, keyed by a hash); the inbox the mail
 * reached is the person's own.
 */
public final class LocalMail implements AutoCloseable {

    private final GreenMail greenMail;

    private LocalMail(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** Starts GreenMail and points the notifications function at it (system properties, read by its context). */
    public static LocalMail start(String storefrontUrl) {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        System.setProperty("microdrop.mail.transport", "smtp");
        System.setProperty("microdrop.mail.smtp-host", "127.0.0.1");
        System.setProperty("microdrop.mail.smtp-port", Integer.toString(greenMail.getSmtp().getPort()));
        setIfAbsent("microdrop.mail.from", "microdrop <orders@microdrop.local>");
        setIfAbsent("microdrop.mail.storefront-url", storefrontUrl);
        return new LocalMail(greenMail);
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public MimeMessage[] received() {
        return greenMail.getReceivedMessages();
    }

    /** The store name an erasure reports for this mailbox. */
    public static final String STORE = "local-mailbox";

    /**
     * The mailbox as one of the shop's {@link BuyerErasure}s: every message any of whose recipients is the buyer's
     * address (by its buyer id under {@code ids}, the deployment's key) is deleted from every folder.
     */
    public BuyerErasure erasure(BuyerIds ids) {
        return (BuyerId buyer, Instant at) -> new BuyerErasure.Erased(STORE, Map.of(BuyerErasure.MAILS,
                delete(buyer, ids)));
    }

    private synchronized int delete(BuyerId buyer, BuyerIds ids) {
        int deleted = 0;
        try {
            for (MailFolder folder : greenMail.getManagers().getImapHostManager().getStore().listMailboxes("*")) {
                boolean any = false;
                for (StoredMessage message : folder.getMessages()) {
                    if (addressedTo(message.getMimeMessage(), buyer, ids)) {
                        message.setFlag(Flags.Flag.DELETED, true);
                        any = true;
                        deleted++;
                    }
                }
                if (any) {
                    folder.expunge();
                }
            }
        } catch (FolderException e) {
            throw new IllegalStateException("the local mailbox could not be erased", e);
        }
        return deleted;
    }

    private static boolean addressedTo(MimeMessage message, BuyerId buyer, BuyerIds ids) {
        try {
            Address[] recipients = message.getAllRecipients();
            if (recipients == null) {
                return false;
            }
            for (Address recipient : recipients) {
                String text = recipient instanceof jakarta.mail.internet.InternetAddress internet
                        ? internet.getAddress() : recipient.toString();
                if (EmailAddress.canonical(text).map(ids::of).filter(buyer::equals).isPresent()) {
                    return true;
                }
            }
            return false;
        } catch (MessagingException e) {
            throw new IllegalStateException("a message's recipients could not be read", e);
        }
    }

    /** {@code GET /mail/}: the received mail, newest first; problem JSON for anything else. */
    public APIGatewayV2HTTPResponse page(APIGatewayV2HTTPEvent event) {
        if (!event.getRawPath().equals("/mail/") || !"GET".equals(event.getRequestContext().getHttp().getMethod())) {
            return Problem.of(ProblemType.NOT_FOUND, "The local mailbox is GET /mail/.");
        }
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>microdrop: sent mail</title>
                <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}
                article{border:1px solid #ccc;border-radius:.5rem;padding:.5rem 1rem;margin:1rem 0}
                pre{white-space:pre-wrap}iframe{width:100%;height:20rem;border:1px solid #eee}</style></head><body>
                <h1>Sent mail</h1>
                """);
        MimeMessage[] messages = received();
        html.append("<p>").append(messages.length).append(" message(s), newest first. SMTP on 127.0.0.1:")
                .append(smtpPort()).append(".</p>\n");
        for (int i = messages.length - 1; i >= 0; i--) {
            try {
                MimeMessage m = messages[i];
                String text = "";
                String body = "";
                if (m.getContent() instanceof MimeMultipart parts) {
                    for (int p = 0; p < parts.getCount(); p++) {
                        BodyPart part = parts.getBodyPart(p);
                        if (part.isMimeType("text/plain")) {
                            text = String.valueOf(part.getContent());
                        } else if (part.isMimeType("text/html")) {
                            body = String.valueOf(part.getContent());
                        }
                    }
                } else {
                    text = String.valueOf(m.getContent());
                }
                html.append("<article><h2>").append(escape(m.getSubject())).append("</h2>\n<dl>")
                        .append("<dt>To</dt><dd>").append(escape(String.join(", ",
                                java.util.Arrays.stream(m.getAllRecipients()).map(Object::toString).toList())))
                        .append("</dd><dt>Kind</dt><dd>").append(escape(String.valueOf(m.getHeader("X-Microdrop-Kind", null))))
                        .append("</dd><dt>Time</dt><dd>").append(m.getSentDate() == null ? "" : m.getSentDate().toInstant())
                        .append("</dd></dl>\n<h3>Text</h3><pre>").append(escape(text)).append("</pre>\n")
                        .append("<h3>HTML</h3><iframe sandbox title=\"HTML part\" srcdoc=\"").append(escape(body))
                        .append("\"></iframe></article>\n");
            } catch (MessagingException | IOException e) {
                html.append("<article><p>A message could not be read: ").append(escape(e.getClass().getSimpleName()))
                        .append("</p></article>\n");
            }
        }
        html.append("</body></html>\n");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", "text/html; charset=utf-8", "cache-control", "no-store"))
                .withBody(html.toString()).build();
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
