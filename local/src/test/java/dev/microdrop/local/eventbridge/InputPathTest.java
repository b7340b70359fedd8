package dev.microdrop.local.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InputPathTest {

    @Test
    void compile_whenPathUsesNamesBracketsAndIndexes_thenBecomesAJsonPointer() {
        assertThat(InputPath.compile("$").toString()).isEmpty();
        assertThat(InputPath.compile("$.detail.orderId").toString()).isEqualTo("/detail/orderId");
        assertThat(InputPath.compile("$['detail-type']").toString()).isEqualTo("/detail-type");
        assertThat(InputPath.compile("$.detail.lines[0].sku").toString()).isEqualTo("/detail/lines/0/sku");
    }

    @Test
    void compile_whenPathUsesFiltersOrWildcards_thenValidationError() {
        assertThatThrownBy(() -> InputPath.compile("$.detail.*")).isInstanceOf(AwsJsonError.class);
        assertThatThrownBy(() -> InputPath.compile("$..sku")).isInstanceOf(AwsJsonError.class);
        assertThatThrownBy(() -> InputPath.compile("detail")).isInstanceOf(AwsJsonError.class);
    }
}
