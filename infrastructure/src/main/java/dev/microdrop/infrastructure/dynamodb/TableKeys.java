package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.buyer.BuyerId;
import java.util.ArrayList;
import java.util.List;
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

    static final String STOCK_PREFIX = "STOCK#";
    static final String SHARD = "SHARD";

    /**
     * Stock shard {@code shard} of a sharded SKU: its counters in an item of its own, on a partition key of its
     * own, so the shards of a hot SKU take writes on N partitions.
     */
    public static Map<String, AttributeValue> stockShard(String dropId, String sku, int shard) {
        return key(STOCK_PREFIX + dropId + "#" + sku + "#" + shard, SHARD);
    }

    /** The item that holds a line's counters: its stock shard's, or the SKU item's when {@code shard} is null. */
    public static Map<String, AttributeValue> stock(String dropId, String sku, Integer shard) {
        return shard == null ? sku(dropId, sku) : stockShard(dropId, sku, shard);
    }

    static final String SLOT_PREFIX = "SLOT#";

    static final String PREORDERS = "PREORDERS";

    /** The drop's pre-order capacity ({@code cap}, {@code remaining}, {@code taken}), in the drop's partition. */
    public static Map<String, AttributeValue> preorderCapacity(String dropId) {
        return key(DROP_PREFIX + dropId, PREORDERS);
    }

    /** A pickup slot's seats, in the drop's partition (the catalog's one Query reads them with the SKUs). */
    public static Map<String, AttributeValue> slot(String dropId, String hubId, String slotId) {
        return key(DROP_PREFIX + dropId, SLOT_PREFIX + hubId + "#" + slotId);
    }

    /** Who owns the drop: the merchant who published it first. */
    public static Map<String, AttributeValue> dropOwner(String dropId) {
        return key(DROP_PREFIX + dropId, "OWNER");
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

    /**
     * An order's keys in the index {@code gsi1} (orders by drop): {@code DROP#<dropId>}, then
     * {@code <createdAt epoch millis, 13 digits>#<orderId>}, so a drop's orders come back oldest first.
     */
    public static Map<String, AttributeValue> orderInDrop(String dropId, java.time.Instant createdAt, String orderId) {
        return Map.of(DropTable.GSI1_PK, AttributeValue.fromS(DROP_PREFIX + dropId),
                DropTable.GSI1_SK, AttributeValue.fromS(String.format("%013d#%s", createdAt.toEpochMilli(), orderId)));
    }

    /** One provider event (webhook) applied: written once, with the change it made. */
    public static Map<String, AttributeValue> providerEvent(String eventId) {
        return key("PAYMENT_EVENT#" + eventId, "EVENT");
    }

    /** Which order a provider payment intent belongs to. */
    public static Map<String, AttributeValue> paymentIntent(String intentId) {
        return key("PAYMENT_INTENT#" + intentId, "INTENT");
    }

    /** A SKU's ledger: one immutable entry per stock movement, sorted by movement id. */
    public static AttributeValue ledgerPartition(String dropId, String sku) {
        return ledgerPartition(dropId, sku, null);
    }

    /**
     * The ledger partition of one stock shard's movements, {@code LEDGER#<dropId>#<sku>#<shard>}, so a sharded
     * SKU's ledger takes writes on N partitions like its counters; the SKU's own partition when {@code shard} is
     * null (a SKU kept in one item, split by hub or not).
     */
    public static AttributeValue ledgerPartition(String dropId, String sku, Integer shard) {
        return AttributeValue.fromS("LEDGER#" + dropId + "#" + sku + (shard == null ? "" : "#" + shard));
    }

    /**
     * Every partition a SKU's ledger has entries in: the SKU's own (which also keeps the entries of a sharded SKU
     * written before its ledger was sharded) and, for {@code shards} &gt; 1, each shard's.
     */
    public static List<AttributeValue> ledgerPartitions(String dropId, String sku, int shards) {
        List<AttributeValue> partitions = new ArrayList<>(List.of(ledgerPartition(dropId, sku)));
        for (int shard = 0; shards > 1 && shard < shards; shard++) {
            partitions.add(ledgerPartition(dropId, sku, shard));
        }
        return partitions;
    }

    public static Map<String, AttributeValue> ledgerEntry(String dropId, String sku, String movementId) {
        return ledgerEntry(dropId, sku, null, movementId);
    }

    public static Map<String, AttributeValue> ledgerEntry(String dropId, String sku, Integer shard, String movementId) {
        return Map.of(PK, ledgerPartition(dropId, sku, shard), SK, AttributeValue.fromS(movementId));
    }

    /** The transactional outbox: one item per domain event; the table's stream carries it to the bus. */
    public static Map<String, AttributeValue> outboxEvent(String eventId) {
        return key(OUTBOX_PREFIX + eventId, "EVENT");
    }

    static final String OUTBOX_PREFIX = "OUTBOX#";

    /** Idempotency keys are scoped to their drop. */
    public static Map<String, AttributeValue> idempotencyKey(String dropId, String key) {
        return key("IDEMPOTENCY#" + dropId + "#" + key, "IDEMPOTENCY");
    }

    /** One SKU's waitlist: the places, sorted by the moment each buyer joined. */
    public static AttributeValue waitlistPartition(String dropId, String sku) {
        return AttributeValue.fromS("WAITLIST#" + dropId + "#" + sku);
    }

    /** The buyers of a drop issued an access token: one item per buyer (by id, never e-mail). */
    public static AttributeValue insidersPartition(String dropId) {
        return AttributeValue.fromS("INSIDERS#" + dropId);
    }

    public static Map<String, AttributeValue> insiderNotice(String dropId, BuyerId buyer) {
        return key("INSIDERS#" + dropId, buyer.value());
    }

    /** A mail's idempotency record, by its send key (a keyed hash: never the address). */
    public static Map<String, AttributeValue> sentMail(String sendKey) {
        return key("MAIL#" + sendKey, "SENT");
    }

    /** A suppressed address, by the buyer id of the address (a keyed hash: never the address). */
    public static Map<String, AttributeValue> suppression(BuyerId address) {
        return key("SUPPRESSED#" + address.value(), "SUPPRESSION");
    }

    /** A member of the shop's audience, by the buyer id of their address (a keyed hash: never the address). */
    public static Map<String, AttributeValue> audienceMember(BuyerId member) {
        return key("MEMBER#" + member.value(), "PROFILE");
    }

    /**
     * How many partitions each kind of the shop's records is spread over: a drop's burst of events lands on four
     * partition keys, not one, and reading everything the shop kept is still four Queries per kind.
     */
    public static final int SHOP_BUCKETS = 4;

    static final String SHOP_EVENTS_PREFIX = "SHOP_EVENTS#";
    static final String SHOP_NOTICES_PREFIX = "SHOP_NOTICES#";
    static final String SHOP_SURVEY_PREFIX = "SHOP_SURVEY#";

    /** The shop's drops' publications, also kept apart: what a purchase asks first reads one small partition. */
    static final String SHOP_PUBLICATIONS = "SHOP_PUBLICATIONS";

    public static Map<String, AttributeValue> shopPublication(String eventId) {
        return key(SHOP_PUBLICATIONS, eventId);
    }

    /**
     * The shop's fan-outs (a publication's, a restock episode's), each recorded once its pages are queued: a
     * partition of its own, so nothing that reads the kept events ever finds one.
     */
    static final String SHOP_FANOUTS = "SHOP_FANOUTS";

    /** A fan-out's record, by its id ({@code AnnouncePage.fanOutId()}). */
    public static Map<String, AttributeValue> shopFanOut(String fanOutId) {
        return key(SHOP_FANOUTS, fanOutId);
    }

    /** A SKU's {@code SoldOut} and {@code BackInStock} the shop keeps, copied apart: what a restock alert reads. */
    static final String SHOP_STOCK_PREFIX = "SHOP_STOCK#";

    public static Map<String, AttributeValue> shopStockEvent(String dropId, String sku, String eventId) {
        return key(shopStockPartition(dropId, sku), eventId);
    }

    static String shopStockPartition(String dropId, String sku) {
        return SHOP_STOCK_PREFIX + dropId + "#" + sku;
    }

    /** A drop's domain event the shop keeps: in the bucket of its id, sorted by its id. */
    public static Map<String, AttributeValue> shopEvent(String eventId) {
        return key(SHOP_EVENTS_PREFIX + shopBucket(eventId), eventId);
    }

    /** That a buyer was told about a drop: in the bucket of the buyer, {@code <dropId>#<buyerId>}. */
    public static Map<String, AttributeValue> shopNotice(String dropId, BuyerId buyer) {
        return key(SHOP_NOTICES_PREFIX + shopBucket(buyer.value()), dropId + "#" + buyer.value());
    }

    /** A buyer's survey answer for a drop: in the bucket of the buyer, {@code <dropId>#<buyerId>}. */
    public static Map<String, AttributeValue> surveyAnswer(String dropId, BuyerId buyer) {
        return key(SHOP_SURVEY_PREFIX + shopBucket(buyer.value()), dropId + "#" + buyer.value());
    }

    /** Every partition of one kind of the shop's records ({@code SHOP_EVENTS#0} .. {@code #3}, ...). */
    public static List<AttributeValue> shopPartitions(String prefix) {
        List<AttributeValue> partitions = new ArrayList<>();
        for (int bucket = 0; bucket < SHOP_BUCKETS; bucket++) {
            partitions.add(AttributeValue.fromS(prefix + bucket));
        }
        return partitions;
    }

    /**
     * The bucket of an id: its CRC-32 modulo {@link #SHOP_BUCKETS}, the same in every JVM and language (the key must
     * be found again by whoever writes the same id twice).
     */
    static int shopBucket(String id) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return (int) (crc.getValue() % SHOP_BUCKETS);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
