package dev.microdrop.infrastructure.mail;

import dev.microdrop.core.notification.MailSender;
import dev.microdrop.core.notification.RenderedMail;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/**
 * Sends over plain SMTP (no authentication, no TLS): for the local runtime's GreenMail and tests, never for the
 * Internet. A refused or unreachable server throws, so the notifier withdraws its claim and the delivery retries.
 */
public final class SmtpMailSender implements MailSender {

    private final Session session;
    private final MimeMails mime;

    public SmtpMailSender(String host, int port, MimeMails mime) {
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "10000");
        properties.put("mail.smtp.writetimeout", "10000");
        this.session = Session.getInstance(properties);
        this.mime = mime;
    }

    @Override
    public String send(RenderedMail mail) {
        MimeMessage message = mime.message(session, mail);
        try {
            Transport.send(message);
            return message.getMessageID();
        } catch (MessagingException e) {
            // The exception's text may quote the recipient the server refused: its class only.
            throw new IllegalStateException("the SMTP server did not take the mail (" + e.getClass().getSimpleName() + ")");
        }
    }
}
