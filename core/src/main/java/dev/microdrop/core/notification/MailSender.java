package dev.microdrop.core.notification;

/** Port out: hands a rendered mail to a mail service (SMTP locally, Amazon SES on AWS). */
public interface MailSender {

    /**
     * Sends it, or throws: a thrown exception means the mail may not have left, and the caller may try again.
     *
     * @return the service's id of the message (SES's MessageId, the SMTP Message-ID)
     */
    String send(RenderedMail mail);
}
