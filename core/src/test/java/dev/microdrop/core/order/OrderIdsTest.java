package dev.microdrop.core.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderIdsTest {

    @Test
    void next_isUniqueAndSortsByTime() {
        OrderIds ids = new OrderIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ids.next(Instant.parse("2026-11-20T10:00:00Z")))).isTrue();
        }
        String earlier = ids.next(Instant.parse("2026-11-20T10:00:00Z"));
        String later = ids.next(Instant.parse("2026-11-20T10:00:00.001Z"));

        assertThat(earlier).matches("ord_[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(later.substring(4, 14)).isGreaterThan(earlier.substring(4, 14));
    }
}
