package dev.microdrop.core.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PickupCodesTest {

    private final PickupCodes codes = new PickupCodes("a-test-key-of-32-bytes-..........".getBytes(StandardCharsets.UTF_8));

    @Test
    void code_isSixUnambiguousCharacters_stablePerOrder_andKeyed() {
        String code = codes.of("ord_01");

        assertThat(code).hasSize(6).matches("[0-9A-HJKMNP-TV-Z]{6}");
        assertThat(codes.of("ord_01")).isEqualTo(code);
        assertThat(new PickupCodes("another-key-of-32-bytes-.........".getBytes(StandardCharsets.UTF_8)).of("ord_01"))
                .isNotEqualTo(code);
    }

    @Test
    void codes_ofManyOrders_useTheWholeAlphabetAndRarelyCollide() {
        Set<String> seen = new HashSet<>();
        Set<Character> characters = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = codes.of("ord_" + i);
            seen.add(code);
            code.chars().forEach(c -> characters.add((char) c));
        }
        assertThat(seen.size()).isGreaterThan(9_990);
        assertThat(characters).hasSize(32).doesNotContain('I', 'L', 'O', 'U');
    }
}
