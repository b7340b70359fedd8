package dev.microdrop.notifications;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The mail settings, from {@code microdrop.mail.*} or their environment variables ({@code MICRODROP_MAIL_FROM},
 * {@code MICRODROP_MAIL_RATE}...).
 *
 * @param from             the sender, e.g. {@code microdrop <orders@shop.example>}; on AWS a verified SES identity
 * @param transport        {@code ses} on AWS, {@code smtp} locally
 * @param smtpHost         the SMTP server (transport {@code smtp})
 * @param smtpPort         its port
 * @param configurationSet the SES configuration set (its event destinations record bounces and complaints); blank
 *                         for none
 * @param rate             mails a second this function may send, per execution environment: the stack runs it with
 *                         a reserved concurrency of 1, so this is the deployment's whole rate (SES's account limit
 *                         less what other senders need)
 * @param maxWait          how long a batch may wait for the rate before a message is returned for later
 * @param lease            how long a claimed mail is another delivery's before it may be taken over
 * @param storefrontUrl    the drop's storefront, the link in a waitlist claim's mail
 * @param surveyUrl        the shop's survey page, which the survey's one-click links open; the storefront's
 *                         {@code survey/} page when not set
 * @param shopTable        the drop's shop's table, where the mail service's bounces and complaints are recorded: an
 *                         address suppressed there gets no mail from this drop either; blank for a drop without a shop
 */
@ConfigurationProperties("microdrop.mail")
public record MailProperties(
        String from,
        @DefaultValue("ses") String transport,
        @DefaultValue("127.0.0.1") String smtpHost,
        @DefaultValue("25") int smtpPort,
        String configurationSet,
        @DefaultValue("10") double rate,
        @DefaultValue("PT2S") Duration maxWait,
        @DefaultValue("PT2M") Duration lease,
        URI storefrontUrl,
        URI surveyUrl,
        String shopTable) {

    public MailProperties {
        if (from == null || from.isBlank()) {
            throw new IllegalStateException("set MICRODROP_MAIL_FROM (property microdrop.mail.from) to the sender's address");
        }
        if (storefrontUrl == null) {
            throw new IllegalStateException("set MICRODROP_MAIL_STOREFRONT_URL (property microdrop.mail.storefront-url)");
        }
        if (surveyUrl == null && storefrontUrl != null) {
            String base = storefrontUrl.toString();
            surveyUrl = URI.create((base.endsWith("/") ? base : base + "/") + "survey/");
        }
        if (!transport.equals("ses") && !transport.equals("smtp")) {
            throw new IllegalStateException("MICRODROP_MAIL_TRANSPORT is ses or smtp, not " + transport);
        }
    }
}
