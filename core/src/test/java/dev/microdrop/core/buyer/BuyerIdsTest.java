package dev.microdrop.core.buyer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BuyerIdsTest {

    private final BuyerIds ids = new BuyerIds("a-key-of-16-bytes".getBytes(StandardCharsets.UTF_8));

    @Test
    void of_isStableAcrossCaseAndWhitespace_andNeverContainsTheEmail() {
        BuyerId id = ids.of("Ada.Lovelace@Example.com");

        assertThat(ids.of("  ada.lovelace@example.com ")).isEqualTo(id);
        assertThat(id.value()).matches("b_[0-9a-f]{32}").doesNotContain("ada").doesNotContain("@");
    }

    @Test
    void of_dependsOnTheKey() {
        BuyerIds other = new BuyerIds("another-key-16-bytes".getBytes(StandardCharsets.UTF_8));

        assertThat(other.of("ada@example.com")).isNotEqualTo(ids.of("ada@example.com"));
    }
}
