package dev.microdrop.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.merchant.OrderRow;
import dev.microdrop.core.order.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrdersCsvTest {

    @Test
    void cells_areQuoted_andFormulasDefused() {
        OrderRow row = new OrderRow("ord_1", "drop", "b_1", OrderStatus.REFUNDED, 2_500, "EUR", Map.of("A", 1),
                Instant.parse("2026-11-20T10:00:00Z"), null, "pi_1", "=HYPERLINK(\"x\",\"y\")");

        String csv = OrdersCsv.write(List.of(row));

        assertThat(csv).contains("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"").contains(",refunded,").endsWith("A=1\r\n");
    }
}
