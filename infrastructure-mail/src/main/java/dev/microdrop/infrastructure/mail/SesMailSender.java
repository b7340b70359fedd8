package dev.microdrop.infrastructure.mail;

import dev.microdrop.core.notification.MailSender;
import dev.microdrop.core.notification.RenderedMail;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Sends through Amazon SES v2 {@code SendEmail} with the raw MIME message ({@link MimeMails}): the same bytes the
 * local runtime's SMTP path sends, our headers included ({@code List-Unsubscribe}, the kind). The configuration set
 * (its event destinations: bounces, complaints, deliveries) comes from {@code MICRODROP_MAIL_CONFIGURATION_SET}; the
 * sender must be a verified identity the function may send as ({@code ses:SendEmail} on that identity only).
 */
public final class SesMailSender implements MailSender {

    private final SesV2Client ses;
    private final MimeMails mime;
    private final String configurationSet;

    /** @param configurationSet the SES configuration set's name; null or blank for none */
    public SesMailSender(SesV2Client ses, MimeMails mime, String configurationSet) {
        this.ses = ses;
        this.mime = mime;
        this.configurationSet = configurationSet == null || configurationSet.isBlank() ? null : configurationSet;
    }

    @Override
    public String send(RenderedMail mail) {
        return ses.sendEmail(request(mail)).messageId();
    }

    /** The request {@link #send} makes; built without the network, so a unit test can read it. */
    public SendEmailRequest request(RenderedMail mail) {
        return SendEmailRequest.builder()
                .fromEmailAddress(mime.from())
                .destination(d -> d.toAddresses(mail.to()))
                .content(c -> c.raw(r -> r.data(SdkBytes.fromByteArray(mime.bytes(mail)))))
                .configurationSetName(configurationSet)
                .build();
    }
}
