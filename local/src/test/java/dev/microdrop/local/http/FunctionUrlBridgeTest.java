package dev.microdrop.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query string as function URLs hand it to the function: decoded parameters, repeated names joined. */
class FunctionUrlBridgeTest {

    @Test
    void queryParameters_areDecoded_andRepeatedNamesJoinedWithCommas() {
        assertThat(FunctionUrlBridge.queryParameters("status=held&buyerEmail=ada%40example.com&tag=a&tag=b&flag"))
                .isEqualTo(Map.of("status", "held", "buyerEmail", "ada@example.com", "tag", "a,b", "flag", ""));
        assertThat(FunctionUrlBridge.queryParameters(null)).isNull();
        assertThat(FunctionUrlBridge.queryParameters("")).isNull();
    }
}
