package dev.microdrop.infrastructure.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SmtpMailSender} against GreenMail, a real SMTP server in this JVM; the message read back from it. */
class SmtpMailSenderIntegrationTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @Test
    void send_thenTheServerHasOneMessage_withOurHeadersAndBothParts() throws Exception {
        SmtpMailSender sender = new SmtpMailSender("127.0.0.1", GREEN_MAIL.getSmtp().getPort(), Mails.MIME);

        String messageId = sender.send(Mails.receipt());

        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage message = received[0];
        assertThat(message.getMessageID()).isEqualTo(messageId);
        assertThat(message.getSubject()).isEqualTo("Your receipt for order ord_1 — €");
        assertThat(message.getFrom()[0].toString()).isEqualTo("microdrop <orders@shop.example>");
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("ada@example.com");
        assertThat(message.getHeader("X-Microdrop-Kind", null)).isEqualTo("ORDER_RECEIPT");
        assertThat(message.getHeader("List-Unsubscribe", null)).isEqualTo("<https://shop.example/u?t=1>");
        assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Thank you, 25.00 EUR");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>Thank you, <b>25.00 EUR</b></p>");
        assertThat(GreenMailUtil.getHeaders(message)).contains("Date: ");
    }

    @Test
    void send_whenNoServerListens_thenThrows_withoutTheAddress() {
        SmtpMailSender sender = new SmtpMailSender("127.0.0.1", 1, Mails.MIME);

        assertThatThrownBy(() -> sender.send(Mails.receipt())).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("ada");
    }
}
