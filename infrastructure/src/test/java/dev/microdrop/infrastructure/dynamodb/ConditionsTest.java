package dev.microdrop.infrastructure.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.infrastructure.fulfilment.DynamoDbFulfilmentRecords;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact text of every condition expression: changing one is changing the design, and must change
 * docs/data-model.md and this test with it.
 */
class ConditionsTest {

    @Test
    void stockCondition_refusesOversellAndClosedDrops() {
        assertThat(Conditions.STOCK_AVAILABLE_AND_DROP_OPEN).isEqualTo("available >= :qty AND opensAt <= :now "
                + "AND closesAt > :now AND (attribute_not_exists(paused) OR paused = :false) "
                + "AND (attribute_not_exists(flashUntil) OR flashUntil <= :now)");
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
    void lifecycleWrites_areAppliedOnce() {
        assertThat(Conditions.PROVIDER_EVENT_UNAPPLIED).isEqualTo("attribute_not_exists(pk)");
        assertThat(Conditions.LEDGER_ENTRY_NEW).isEqualTo("attribute_not_exists(pk)");
        assertThat(Conditions.OUTBOX_EVENT_NEW).isEqualTo("attribute_not_exists(pk)");
    }

    @Test
    void stockMoves_neverTakeMoreThanTheSourceHolds() {
        assertThat(Conditions.MOVE_SOURCE_COVERS).isEqualTo("#from >= :qty");
        assertThat(Conditions.MOVE_UPDATE).isEqualTo("SET #from = #from - :qty, #to = #to + :qty");
    }

    @Test
    void orderStatus_isTheRaceGuard() {
        assertThat(Conditions.ORDER_STATUS_PREFIX).isEqualTo("#status IN (");
        assertThat(Conditions.orderStatusIn(1)).isEqualTo("#status IN (:s0)");
        assertThat(Conditions.orderStatusIn(2)).isEqualTo("#status IN (:s0, :s1)");
        assertThat(Conditions.HOLD_HAS_EXPIRED).isEqualTo("holdExpiresAtMs <= :notBefore");
    }

    @Test
    void slotsAndAdjustments_neverOverbookOrTakeHeldUnits() {
        assertThat(Conditions.SLOT_HAS_SEAT).isEqualTo("taken < seats");
        assertThat(Conditions.SLOT_TAKE_SEAT).isEqualTo("SET taken = taken + :one");
        assertThat(Conditions.SLOT_SEAT_TAKEN).isEqualTo("taken >= :one");
        assertThat(Conditions.SLOT_FREE_SEAT).isEqualTo("SET taken = taken - :one");
        assertThat(Conditions.PREORDER_CAP_AVAILABLE).isEqualTo("remaining >= :qty");
        assertThat(Conditions.PREORDER_TAKE_UPDATE).isEqualTo("SET remaining = remaining - :qty, taken = taken + :qty");
        assertThat(Conditions.PREORDER_UNITS_TAKEN).isEqualTo("taken >= :qty");
        assertThat(Conditions.PREORDER_GIVE_BACK_UPDATE)
                .isEqualTo("SET remaining = remaining + :qty, taken = taken - :qty");
        assertThat(Conditions.ADJUST_COVERED).isEqualTo("attribute_exists(pk) AND available >= :taken");
        assertThat(Conditions.WAITLIST_ENTRY_WAITING).isEqualTo("#status = :waiting");
    }

    @Test
    void insiderHolds_comeOnlyFromTheirTranche() {
        assertThat(Conditions.INSIDER_STOCK_AVAILABLE).isEqualTo("available >= :qty AND insiderReserved >= :qty AND "
                + "insiderOpensAt <= :now AND closesAt > :now AND (attribute_not_exists(paused) OR paused = :false)");
        assertThat(Conditions.INSIDER_HOLD_UPDATE)
                .isEqualTo("SET available = available - :qty, held = held + :qty, insiderReserved = insiderReserved - :qty");
    }

    @Test
    void flashRestocks_areForInsidersUntilTheirWindowEnds() {
        assertThat(Conditions.NOT_IN_FLASH_WINDOW).isEqualTo("(attribute_not_exists(flashUntil) OR flashUntil <= :now)");
        assertThat(Conditions.FLASH_STOCK_AVAILABLE).isEqualTo("available >= :qty AND insiderReserved >= :qty AND "
                + "flashUntil > :now AND opensAt <= :now AND closesAt > :now AND "
                + "(attribute_not_exists(paused) OR paused = :false)");
        assertThat(Conditions.FLASH_RESTOCK_ALLOWED).isEqualTo("attribute_exists(pk) AND opensAt <= :now AND "
                + "closesAt > :now AND (attribute_not_exists(flashUntil) OR flashUntil <= :now)");
        assertThat(Conditions.FLASH_RESTOCK_UPDATE).isEqualTo("SET released = released + :units, available = available "
                + "+ :units, totalUnits = totalUnits + :units, insiderReserved = :units, flashUntil = :until");
    }

    @Test
    void pausing_isOneFlagOnMetaAndEveryStockItem_thatEveryHoldReads() {
        assertThat(Conditions.NOT_PAUSED).isEqualTo("(attribute_not_exists(paused) OR paused = :false)");
        assertThat(Conditions.DROP_NOT_PAUSED).isEqualTo("attribute_exists(pk) AND (attribute_not_exists(paused) OR paused = :false)");
        assertThat(Conditions.DROP_IS_PAUSED).isEqualTo("attribute_exists(pk) AND paused = :true");
        assertThat(Conditions.PAUSE_META_UPDATE).isEqualTo("SET paused = :paused, pauseChangedAt = :at");
        assertThat(Conditions.STOCK_ITEM_EXISTS).isEqualTo("attribute_exists(pk)");
        assertThat(Conditions.PAUSE_STOCK_UPDATE).isEqualTo("SET paused = :paused");
    }

    @Test
    void wavesAndRepublishing_neverTouchHeldOrSold() {
        assertThat(Conditions.WAVE_NOT_YET_RELEASED).isEqualTo("released = :current AND (attribute_not_exists(wavesReleased) "
                + "OR wavesReleased < :wave) AND closesAt > :now");
        assertThat(Conditions.WAVE_RELEASE_UPDATE)
                .isEqualTo("SET released = released + :delta, available = available + :delta, wavesReleased = :wave");
        assertThat(Conditions.REPUBLISH_SKU_UNCHANGED_COUNTERS).isEqualTo("released = :released AND available >= :withdrawn");
        assertThat(Conditions.REPUBLISH_SKU_UPDATE).endsWith("released = released + :delta, available = available + :delta");
    }

    @Test
    void hubStock_movesWithTheSkusCounters() {
        assertThat(Conditions.HUB_STOCK_AVAILABLE).isEqualTo("hubStock.#hub.available >= :qty");
        assertThat(Conditions.HUB_HOLD_UPDATE).isEqualTo("hubStock.#hub.available = hubStock.#hub.available - :qty, "
                + "hubStock.#hub.held = hubStock.#hub.held + :qty");
        assertThat(Conditions.HUB_MOVE_SOURCE_COVERS).isEqualTo("hubStock.#hub.#from >= :qty");
        assertThat(Conditions.HUB_MOVE_UPDATE).isEqualTo("hubStock.#hub.#from = hubStock.#hub.#from - :qty, "
                + "hubStock.#hub.#to = hubStock.#hub.#to + :qty");
        assertThat(Conditions.HUB_ADJUST_COVERED).isEqualTo("hubStock.#hub.available >= :taken");
        assertThat(Conditions.HUB_ADJUST_UPDATE).isEqualTo("hubStock.#hub.released = hubStock.#hub.released + :delta, "
                + "hubStock.#hub.available = hubStock.#hub.available + :delta, "
                + "hubStock.#hub.totalUnits = hubStock.#hub.totalUnits + :delta");
        assertThat(Conditions.hubRelease(0)).isEqualTo("hubStock.#hub0.released = hubStock.#hub0.released + :hubDelta0, "
                + "hubStock.#hub0.available = hubStock.#hub0.available + :hubDelta0");
    }

    @Test
    void stockShards_moveReleasedAndAvailableTogether_andGiveOnlyAvailableUnits() {
        assertThat(Conditions.SHARD_AVAILABLE_COVERS).isEqualTo("attribute_exists(pk) AND available >= :taken");
        assertThat(Conditions.SHARD_RELEASE_UPDATE)
                .isEqualTo("SET released = released + :delta, available = available + :delta");
        assertThat(Conditions.SHARD_REPUBLISH_UPDATE).isEqualTo("SET released = released + :delta, "
                + "available = available + :delta, opensAt = :opensAt, closesAt = :closesAt");
        assertThat(Conditions.SHARDED_SKU_WAVE_UPDATE).isEqualTo("SET released = released + :delta, wavesReleased = :wave");
        assertThat(Conditions.SHARDED_SKU_UNCHANGED).isEqualTo("released = :released");
        assertThat(Conditions.SHARDED_SKU_REPUBLISH_UPDATE).isEqualTo("SET productName = :productName, "
                + "variantName = :variantName, price = :price, totalUnits = :total, opensAt = :opensAt, "
                + "closesAt = :closesAt, released = released + :delta");
        assertThat(Conditions.SHARDED_SKU_ADJUST_UPDATE)
                .isEqualTo("SET released = released + :delta, totalUnits = totalUnits + :delta");
        assertThat(Conditions.SKU_EXISTS).isEqualTo("attribute_exists(pk)");
    }

    @Test
    void shardSummaries_neverGoBackInTime() {
        assertThat(Conditions.SHARD_SUMMARY_UPDATE).isEqualTo("SET shardLevels.#shard = :level");
        assertThat(Conditions.SHARD_SUMMARY_NOT_OLDER).isEqualTo("attribute_exists(shardLevels) AND "
                + "(attribute_not_exists(shardLevels.#shard) OR shardLevels.#shard.streamSeq <= :seq)");
    }

    @Test
    void audienceMembers_changeOnlyFromTheStateRead_andAreErasedOnce() {
        assertThat(Conditions.MEMBER_ABSENT).isEqualTo("attribute_not_exists(pk)");
        assertThat(Conditions.MEMBER_IN_STATE).isEqualTo("#state = :from");
        assertThat(Conditions.MEMBER_ERASABLE).isEqualTo("attribute_exists(pk) AND #state <> :erased");
    }

    @Test
    void buyerErasure_removesPersonalDataOnce() {
        assertThat(Conditions.BUYER_EMAIL_PRESENT).isEqualTo("attribute_exists(buyerEmail)");
        assertThat(Conditions.WAITLIST_PLACE_ERASABLE).isEqualTo("attribute_exists(buyerEmail) AND #status = :seen");
        assertThat(Conditions.SHIP_TO_PRESENT).isEqualTo("attribute_exists(shipTo.line1)");
    }

    @Test
    void shopRecords_keepEachEventNoticeAndAnswerOnce() {
        assertThat(Conditions.SHOP_EVENT_NEW).isEqualTo("attribute_not_exists(pk)");
        assertThat(Conditions.SHOP_NOTICE_NEW).isEqualTo("attribute_not_exists(pk)");
        assertThat(Conditions.SURVEY_UNANSWERED).isEqualTo("attribute_not_exists(pk)");
    }

    /** Every text in Conditions, including one added after the list below was written, is in the document. */
    @Test
    void everyConditionText_isInTheDataModelDocument() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/data-model.md"));
        java.util.List<String> missing = new java.util.ArrayList<>();
        for (java.lang.reflect.Field field : Conditions.class.getFields()) {
            if (field.getType() == String.class && java.lang.reflect.Modifier.isStatic(field.getModifiers())
                    && !doc.contains((String) field.get(null))) {
                missing.add(field.getName() + " = " + field.get(null));
            }
        }
        assertThat(missing).as("condition texts docs/data-model.md does not hold").isEmpty();
    }

    @Test
    void intentAndBuyerTotal_keepTheirInvariants() {
        assertThat(Conditions.INTENT_UNSET_OR_SAME).isEqualTo("attribute_not_exists(intentId) OR intentId = :intent");
        assertThat(Conditions.BUYER_HOLDS_UNITS).isEqualTo("units >= :release");
    }

    @Test
    void dataModelDocument_listsEveryCondition() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/data-model.md"));
        for (String condition : new String[] {Conditions.STOCK_AVAILABLE_AND_DROP_OPEN, Conditions.HOLD_STOCK_UPDATE,
                Conditions.BUYER_WITHIN_LIMIT, Conditions.BUYER_ADD_UNITS, Conditions.IDEMPOTENCY_KEY_UNUSED,
                Conditions.ORDER_ID_UNUSED, Conditions.ITEM_ABSENT, Conditions.PROVIDER_EVENT_UNAPPLIED,
                Conditions.LEDGER_ENTRY_NEW, Conditions.OUTBOX_EVENT_NEW, Conditions.SHOP_EVENT_NEW,
                Conditions.SHOP_NOTICE_NEW, Conditions.SURVEY_UNANSWERED, Conditions.MOVE_SOURCE_COVERS,
                Conditions.MOVE_UPDATE, Conditions.ORDER_STATUS_PREFIX, Conditions.orderStatusIn(1),
                Conditions.orderStatusIn(2), Conditions.HOLD_HAS_EXPIRED, Conditions.INTENT_UNSET_OR_SAME,
                Conditions.BUYER_HOLDS_UNITS, DynamoDbFulfilmentRecords.TASK_ABSENT, Conditions.WAVE_NOT_YET_RELEASED,
                Conditions.WAVE_RELEASE_UPDATE, Conditions.REPUBLISH_SKU_UNCHANGED_COUNTERS,
                Conditions.INSIDER_STOCK_AVAILABLE, Conditions.INSIDER_HOLD_UPDATE, Conditions.SLOT_HAS_SEAT,
                Conditions.SLOT_SEAT_TAKEN, Conditions.PREORDER_CAP_AVAILABLE, Conditions.PREORDER_TAKE_UPDATE,
                Conditions.PREORDER_UNITS_TAKEN, Conditions.PREORDER_GIVE_BACK_UPDATE, Conditions.ADJUST_COVERED, Conditions.WAITLIST_ENTRY_WAITING,
                Conditions.HUB_STOCK_AVAILABLE, Conditions.HUB_HOLD_UPDATE, Conditions.HUB_MOVE_SOURCE_COVERS,
                Conditions.HUB_MOVE_UPDATE, Conditions.HUB_ADJUST_COVERED, Conditions.HUB_ADJUST_UPDATE,
                Conditions.HUB_RELEASE_TEMPLATE, Conditions.SHARD_AVAILABLE_COVERS, Conditions.SHARD_RELEASE_UPDATE,
                Conditions.SHARD_REPUBLISH_UPDATE, Conditions.SHARDED_SKU_WAVE_UPDATE, Conditions.SHARDED_SKU_UNCHANGED,
                Conditions.SHARDED_SKU_REPUBLISH_UPDATE, Conditions.SHARDED_SKU_ADJUST_UPDATE,
                Conditions.SKU_EXISTS, Conditions.DROP_NOT_PAUSED, Conditions.DROP_IS_PAUSED, Conditions.PAUSE_META_UPDATE,
                Conditions.STOCK_ITEM_EXISTS, Conditions.PAUSE_STOCK_UPDATE, Conditions.FLASH_STOCK_AVAILABLE,
                Conditions.FLASH_RESTOCK_ALLOWED, Conditions.FLASH_RESTOCK_UPDATE, Conditions.SHARD_SUMMARY_UPDATE,
                Conditions.SHARD_SUMMARY_NOT_OLDER, Conditions.MEMBER_IN_STATE, Conditions.MEMBER_ERASABLE,
                Conditions.BUYER_EMAIL_PRESENT, Conditions.WAITLIST_PLACE_ERASABLE, Conditions.SHIP_TO_PRESENT}) {
            assertThat(doc).as("docs/data-model.md names %s", condition).contains("`" + condition + "`");
        }
        // The expiry's full condition, as DynamoDbOrderStore joins it.
        assertThat(doc).contains("`" + Conditions.orderStatusIn(1) + " AND " + Conditions.HOLD_HAS_EXPIRED + "`");
    }
}
