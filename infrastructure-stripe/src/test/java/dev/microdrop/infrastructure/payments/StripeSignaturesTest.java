package dev.microdrop.infrastructure.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.net.Webhook;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class StripeSignaturesTest {

    private static final String PAYLOAD = "{\"id\":\"evt_1\",\"object\":\"event\"}";
    private static final long TIMESTAMP = 1795341900L;

    @Test
    void sign_isTimestampAndHexHmacOfTimestampDotPayload() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("whsec_a".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(
                mac.doFinal((TIMESTAMP + "." + PAYLOAD).getBytes(StandardCharsets.UTF_8)));

        assertThat(StripeSignatures.sign(PAYLOAD, "whsec_a", TIMESTAMP)).isEqualTo("t=" + TIMESTAMP + ",v1=" + expected);
    }

    @Test
    void sign_matchesStripeJavasOwnHeader() throws Exception {
        assertThat(StripeSignatures.sign(PAYLOAD, "whsec_a", TIMESTAMP))
                .isEqualTo(Webhook.Signature.generateSignatureHeader(PAYLOAD, "whsec_a", TIMESTAMP));
    }

    @Test
    void signWithSecrets_givesOneV1EntryPerSecretInOrder() {
        String header = StripeSignatures.signWithSecrets(PAYLOAD, TIMESTAMP, "whsec_a", "whsec_b");

        String a = StripeSignatures.sign(PAYLOAD, "whsec_a", TIMESTAMP);
        String b = StripeSignatures.sign(PAYLOAD, "whsec_b", TIMESTAMP);
        assertThat(header).isEqualTo(a + b.substring(b.indexOf(',')));
        assertThat(header.split(",")).hasSize(3);
    }

    @Test
    void signWithSecrets_whenNoSecret_thenRefused() {
        assertThatThrownBy(() -> StripeSignatures.signWithSecrets(PAYLOAD, TIMESTAMP))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
