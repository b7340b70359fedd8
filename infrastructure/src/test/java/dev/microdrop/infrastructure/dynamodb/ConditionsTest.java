package dev.microdrop.infrastructure.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Pins the exact text of every condition expression: changing one is changing the design, and must change
 * docs/data-model.md and this test with it.
 */
class ConditionsTest {

    @Test
    void stockCondition_refusesOversellAndClosedDrops() {
        assertThat(Conditions.STOCK_AVAILABLE_AND_DROP_OPEN)
                .isEqualTo("available >= :qty AND opensAt <= :now AND closesAt > :now");
        assertThat(Conditions.HOLD_STOCK_UPDATE).isEqualTo("SET available = available - :qty, held = held + :qty");
    }

    @Test
    void buyerCondition_capsTheRunningTotal() {
        assertThat(Conditions.BUYER_WITHIN_LIMIT).isEqualTo("attribute_not_exists(units) OR units <= :headroom");
        assertThat(Conditions.BUYER_ADD_UNITS).isEqualTo("ADD units :units SET dropId = :dropId");
    }

    @Test
    void keysAreWrittenOnce() {
        assertThat(Conditions.IDEMPOTENCY_KEY_UNUSED).isEqualTo("attribute_not_exists(pk)");
        assertThat(Conditions.ORDER_ID_UNUSED).isEqualTo("attribute_not_exists(pk)");
        assertThat(Conditions.ITEM_ABSENT).isEqualTo("attribute_not_exists(pk)");
    }

    @Test
    void dataModelDocument_listsEveryCondition() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/data-model.md"));
        for (String condition : new String[] {Conditions.STOCK_AVAILABLE_AND_DROP_OPEN, Conditions.HOLD_STOCK_UPDATE,
                Conditions.BUYER_WITHIN_LIMIT, Conditions.BUYER_ADD_UNITS, Conditions.IDEMPOTENCY_KEY_UNUSED}) {
            assertThat(doc).as("docs/data-model.md names %s", condition).contains(condition);
        }
    }
}
