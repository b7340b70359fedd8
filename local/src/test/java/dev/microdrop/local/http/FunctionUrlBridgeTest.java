package dev.microdrop.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request as function URLs hand it to the function. */
class FunctionUrlBridgeTest {

    @Test
    void queryParameters_areDecoded_andRepeatedNamesJoinedWithCommas() {
        assertThat(FunctionUrlBridge.queryParameters("status=held&buyerEmail=ada%40example.com&tag=a&tag=b&flag"))
                .isEqualTo(Map.of("status", "held", "buyerEmail", "ada@example.com", "tag", "a,b", "flag", ""));
        assertThat(FunctionUrlBridge.queryParameters(null)).isNull();
        assertThat(FunctionUrlBridge.queryParameters("")).isNull();
    }

    @Test
    void aTextBodyInUtf8_isPassedAsText() {
        byte[] body = "{\"name\":\"Grüße\"}".getBytes(StandardCharsets.UTF_8);

        APIGatewayV2HTTPEvent event = post("application/json; charset=utf-8", body);

        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getBody()).isEqualTo("{\"name\":\"Grüße\"}");
    }

    @Test
    void aTextBodyThatIsNotUtf8_isPassedBase64Encoded_notDecodedIntoReplacementCharacters() {
        // 0xC3 0x28: a two-byte sequence whose second byte is not a continuation byte.
        byte[] body = {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'};

        APIGatewayV2HTTPEvent event = post("application/json", body);

        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(event.getBody())).isEqualTo(body);
    }

    @Test
    void aBodyThatIsNotText_isPassedBase64Encoded() {
        byte[] body = {0x00, (byte) 0xFF, 0x10};

        APIGatewayV2HTTPEvent event = post("application/octet-stream", body);

        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(event.getBody())).isEqualTo(body);
    }

    private static APIGatewayV2HTTPEvent post(String contentType, byte[] body) {
        return FunctionUrlBridge.event("POST", "/checkout", null, Map.of("content-type", contentType), body,
                "HTTP/1.1", "127.0.0.1");
    }
}
