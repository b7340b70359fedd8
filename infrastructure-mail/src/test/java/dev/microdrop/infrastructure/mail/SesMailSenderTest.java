package dev.microdrop.infrastructure.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/** The request {@link SesMailSender} would send, read without the network: no fake SES. */
class SesMailSenderTest {

    private final SesV2Client unused = SesV2Client.builder().region(Region.EU_WEST_1)
            .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
            .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create()).build();

    @Test
    void request_isTheRawMimeMessage_fromTheSender_toTheRecipient_inTheConfigurationSet() throws Exception {
        SendEmailRequest request = new SesMailSender(unused, Mails.MIME, "microdrop-mail").request(Mails.receipt());

        assertThat(request.fromEmailAddress()).isEqualTo("orders@shop.example");
        assertThat(request.destination().toAddresses()).containsExactly("ada@example.com");
        assertThat(request.configurationSetName()).isEqualTo("microdrop-mail");
        assertThat(request.content().simple()).isNull();
        MimeMessage raw = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(request.content().raw().data().asByteArray()));
        assertThat(raw.getSubject()).isEqualTo("Your receipt for order ord_1 — €");
        assertThat(raw.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(((MimeMultipart) raw.getContent()).getCount()).isEqualTo(2);
    }

    @Test
    void request_withoutAConfigurationSet_namesNone() {
        assertThat(new SesMailSender(unused, Mails.MIME, " ").request(Mails.receipt()).configurationSetName()).isNull();
    }
}
