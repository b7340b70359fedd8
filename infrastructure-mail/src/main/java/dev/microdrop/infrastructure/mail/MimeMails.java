package dev.microdrop.infrastructure.mail;

import dev.microdrop.core.notification.RenderedMail;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Map;

/**
 * One rendered mail as one MIME message: {@code multipart/alternative} with the text part first and the HTML part
 * last (clients show the last they can), UTF-8, the mail's extra headers. Both senders send exactly this.
 */
public final class MimeMails {

    private final InternetAddress from;
    private final Clock clock;

    /** @param from e.g. {@code microdrop <orders@shop.example>} */
    public MimeMails(String from, Clock clock) {
        try {
            this.from = new InternetAddress(from, true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("the sender's address is not an address: " + from);
        }
        this.clock = clock;
    }

    public String from() {
        return from.getAddress();
    }

    public MimeMessage message(Session session, RenderedMail mail) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(mail.to(), true));
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));
            for (Map.Entry<String, String> header : mail.headers().entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
            message.setContent(new MimeMultipart("alternative", text, html));
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            // Messages of ours: a header or an address we made. The address itself is not in the message text.
            throw new IllegalArgumentException("the mail cannot be made into a MIME message", e);
        }
    }

    public byte[] bytes(RenderedMail mail) {
        MimeMessage message = message(Session.getInstance(new java.util.Properties()), mail);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException("the MIME message cannot be written", e);
        }
        return out.toByteArray();
    }
}
