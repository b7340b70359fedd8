package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.buyer.BuyerId;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every key of the single table, built in one place. See docs/data-model.md for the design: each key below is
 * one row of its "items" table.
 */
public final class TableKeys {

    public static final String PK = "pk";
    public static final String SK = "sk";

    static final String DROP_PREFIX = "DROP#";
    static final String META = "META";
    static final String SKU_PREFIX = "SKU#";
    static final String DIRECTORY = "DROPS";

    private TableKeys() {
    }

    /** The drop's partition: its META item and one item per SKU, read together by one Query. */
    public static AttributeValue dropPartition(String dropId) {
        return AttributeValue.fromS(DROP_PREFIX + dropId);
    }

    public static Map<String, AttributeValue> dropMeta(String dropId) {
        return key(DROP_PREFIX + dropId, META);
    }

    public static Map<String, AttributeValue> sku(String dropId, String sku) {
        return key(DROP_PREFIX + dropId, SKU_PREFIX + sku);
    }

    /** The drop directory: one small item per drop under one partition, for the list of drops. */
    public static Map<String, AttributeValue> directoryEntry(String dropId) {
        return key(DIRECTORY, DROP_PREFIX + dropId);
    }

    /** A buyer's running total in one drop. Keyed by the hashed id, never the e-mail. */
    public static Map<String, AttributeValue> buyerInDrop(BuyerId buyer, String dropId) {
        return key("BUYER#" + buyer.value(), DROP_PREFIX + dropId);
    }

    public static Map<String, AttributeValue> order(String orderId) {
        return key("ORDER#" + orderId, "ORDER");
    }

    /** Idempotency keys are scoped to their drop. */
    public static Map<String, AttributeValue> idempotencyKey(String dropId, String key) {
        return key("IDEMPOTENCY#" + dropId + "#" + key, "IDEMPOTENCY");
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
