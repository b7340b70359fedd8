package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.merchant.FulfilmentRow;
import dev.microdrop.core.merchant.LedgerEntry;
import dev.microdrop.core.merchant.MerchantViews;
import dev.microdrop.core.merchant.OrderRow;
import dev.microdrop.core.merchant.WaitlistRow;
import dev.microdrop.core.order.OrderStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What the merchant API reads and the one thing it claims: a drop's owner. A drop's orders come from the sparse
 * index {@code gsi1} (only orders carry its keys), its ledger from each SKU's ledger partitions, its waitlist from
 * each SKU's line, its insiders from their partition, a merchant's drops from the directory and their owner items:
 * Queries and batched reads, never a Scan.
 */
public final class DynamoDbMerchantViews implements MerchantViews {

    /** A drop belongs to the merchant who published it first; nobody else can publish over it. */
    public static final String OWNER_IS_NEW_OR_SAME = "attribute_not_exists(pk) OR merchantId = :merchant";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbMerchantViews(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** @return true if the drop is (now) this merchant's, false if another merchant owns it */
    @Override
    public boolean claim(String dropId, String merchantId) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(Map.of(
                            TableKeys.PK, TableKeys.dropOwner(dropId).get(TableKeys.PK),
                            TableKeys.SK, TableKeys.dropOwner(dropId).get(TableKeys.SK),
                            DropItems.TYPE, AttributeValue.fromS("DropOwner"), "merchantId", AttributeValue.fromS(merchantId)))
                    .conditionExpression(OWNER_IS_NEW_OR_SAME)
                    .expressionAttributeValues(Map.of(":merchant", AttributeValue.fromS(merchantId))));
            return true;
        } catch (ConditionalCheckFailedException otherMerchant) {
            return false;
        }
    }

    @Override
    public Optional<String> owner(String dropId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(TableKeys.dropOwner(dropId)))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("merchantId").s());
    }

    /**
     * The published drops (the directory, one Query, every page) whose owner is the merchant: their owner items read
     * consistently, 100 to a BatchGetItem, keys DynamoDB leaves unprocessed asked again after a back-off.
     */
    @Override
    public List<String> dropsOf(String merchantId) {
        List<Map<String, AttributeValue>> keys = dynamoDb.queryPaginator(r -> r.tableName(table)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableKeys.DIRECTORY))))
                .items().stream().map(i -> TableKeys.dropOwner(Attributes.string(i, "dropId"))).toList();
        List<String> owned = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += 100) {
            List<Map<String, AttributeValue>> pending = keys.subList(i, Math.min(keys.size(), i + 100));
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > 8) {
                    throw new IllegalStateException("the owners of " + merchantId + "'s drops kept being throttled");
                }
                List<Map<String, AttributeValue>> asked = pending;
                BatchGetItemResponse response = dynamoDb.batchGetItem(r -> r.requestItems(Map.of(table,
                        KeysAndAttributes.builder().keys(asked).consistentRead(true).build())));
                response.responses().getOrDefault(table, List.of()).stream()
                        .filter(owner -> merchantId.equals(Attributes.string(owner, "merchantId")))
                        .forEach(owner -> owned.add(Attributes.string(owner, TableKeys.PK)
                                .substring(TableKeys.DROP_PREFIX.length())));
                KeysAndAttributes left = response.unprocessedKeys().get(table);
                pending = left == null ? List.of() : left.keys();
                if (!pending.isEmpty()) {
                    Backoff.sleep(attempt);
                }
            }
        }
        return owned;
    }

    /**
     * The drop's orders, oldest first: a Query of the index {@code gsi1}, every page. The index is eventually
     * consistent (an order made a moment ago may be missing for a moment), and holds no e-mail or address.
     */
    @Override
    public List<OrderRow> orders(String dropId) {
        return dynamoDb.queryPaginator(r -> r.tableName(table).indexName(DropTable.ORDERS_BY_DROP_INDEX)
                        .keyConditionExpression("#pk = :drop")
                        .expressionAttributeNames(Map.of("#pk", DropTable.GSI1_PK))
                        .expressionAttributeValues(Map.of(":drop", TableKeys.dropPartition(dropId))))
                .items().stream().map(DynamoDbMerchantViews::row).toList();
    }

    /**
     * From the order items themselves, 100 a {@code BatchGetItem} (eventually consistent; unprocessed keys asked
     * again): the orders' index cannot carry the fulfilment or its facts, since its projection is fixed (a GSI's
     * projection cannot change in place). Only the hub id and the hand-over times are read, never the address.
     */
    @Override
    public List<FulfilmentRow> fulfilment(String dropId, List<String> orderIds) {
        List<FulfilmentRow> rows = new ArrayList<>();
        for (int i = 0; i < orderIds.size(); i += 100) {
            List<Map<String, AttributeValue>> keys = orderIds.subList(i, Math.min(orderIds.size(), i + 100)).stream()
                    .map(TableKeys::order).toList();
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(keys)
                    .projectionExpression("orderId, dropId, fulfilment.#type, fulfilment.hubId, readyAt, collectedAt, "
                            + "shippedAt")
                    .expressionAttributeNames(Map.of("#type", "type")).build());
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > 8) {
                    throw new IllegalStateException("the fulfilment of " + dropId + "'s orders kept being throttled");
                }
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse answer = dynamoDb.batchGetItem(r -> r.requestItems(request));
                answer.responses().getOrDefault(table, List.of()).stream()
                        .filter(item -> dropId.equals(Attributes.string(item, "dropId")))
                        .map(DynamoDbMerchantViews::fulfilmentRow).forEach(rows::add);
                pending = answer.unprocessedKeys();
                if (!pending.isEmpty()) {
                    Backoff.sleep(attempt);
                }
            }
        }
        return rows;
    }

    private static FulfilmentRow fulfilmentRow(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> fulfilment = item.get("fulfilment").m();
        return new FulfilmentRow(Attributes.string(item, "orderId"),
                "pickup".equals(Attributes.string(fulfilment, "type")) ? Attributes.string(fulfilment, "hubId") : null,
                Attributes.instant(item, "readyAt"), Attributes.instant(item, "collectedAt"),
                Attributes.instant(item, "shippedAt"));
    }

    /** Of these buyers, those who hold or own units of another drop too. */
    @Override
    public Set<String> buyersElsewhere(String dropId, Set<String> buyerIds) {
        Set<String> elsewhere = new HashSet<>();
        for (String buyer : buyerIds) {
            boolean other = dynamoDb.queryPaginator(r -> r.tableName(table)
                            .keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("BUYER#" + buyer))))
                    .items().stream()
                    .anyMatch(i -> !i.get(TableKeys.SK).s().equals("DROP#" + dropId) && Attributes.integer(i, "units") > 0);
            if (other) {
                elsewhere.add(buyer);
            }
        }
        return elsewhere;
    }

    /**
     * Units released per wave number, from the ledger's wave entries: for each SKU one Query per ledger partition
     * (a sharded SKU's shards each have one), every page.
     */
    @Override
    public Map<Integer, Integer> releasedByWave(String dropId, List<Sku> skus) {
        Map<Integer, Integer> byWave = new HashMap<>();
        for (Sku sku : skus) {
            LedgerItems.entries(dynamoDb, table, dropId, sku.sku(), sku.shards(), "WAVE#")
                    .forEach(e -> byWave.merge(waveNumber(e.get(TableKeys.SK).s()),
                            Attributes.integer(e, "dReleased"), Integer::sum));
        }
        return byWave;
    }

    /**
     * Every ledger entry of the drop's SKUs: for each SKU one consistent Query per ledger partition (a sharded SKU's
     * shards each have one), every page. The ledger is keyed by movement, not by time, so the whole of it is read
     * and the core orders and pages it.
     */
    @Override
    public List<LedgerEntry> ledger(String dropId, List<Sku> skus) {
        List<LedgerEntry> entries = new ArrayList<>();
        for (Sku sku : skus) {
            LedgerItems.entries(dynamoDb, table, dropId, sku.sku(), sku.shards()).forEach(e -> entries.add(
                    LedgerItems.read(e)));
        }
        return entries;
    }

    /** Every waitlist place of the drop's SKUs: one Query per SKU's line, every page. */
    @Override
    public List<WaitlistRow> waitlist(String dropId, List<String> skus) {
        List<WaitlistRow> rows = new ArrayList<>();
        for (String sku : skus) {
            dynamoDb.queryPaginator(r -> r.tableName(table).consistentRead(true)
                            .keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", TableKeys.waitlistPartition(dropId, sku))))
                    .items().forEach(i -> rows.add(new WaitlistRow(sku, Attributes.string(i, "buyerId"),
                            Attributes.string(i, "status"), Attributes.string(i, "orderId"))));
        }
        return rows;
    }

    /** The buyers issued an access token for the drop. */
    @Override
    public Set<String> insiders(String dropId) {
        Set<String> buyers = new HashSet<>();
        dynamoDb.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", TableKeys.insidersPartition(dropId))))
                .items().forEach(i -> buyers.add(Attributes.string(i, "buyerId")));
        return buyers;
    }

    /**
     * Records that these buyers were issued an access token (the KPIs count them as notified). One item per buyer:
     * issuing again overwrites it with the later expiry. Ids only, never e-mails.
     */
    @Override
    public void recordInsiders(String dropId, List<BuyerId> buyers, Instant tokenExpiresAt, Instant now) {
        List<WriteRequest> puts = new ArrayList<>();
        for (BuyerId buyer : new java.util.LinkedHashSet<>(buyers)) {
            Map<String, AttributeValue> item = new HashMap<>(TableKeys.insiderNotice(dropId, buyer));
            item.put(DropItems.TYPE, AttributeValue.fromS("InsiderNotice"));
            item.put("dropId", AttributeValue.fromS(dropId));
            item.put("buyerId", AttributeValue.fromS(buyer.value()));
            item.put("issuedAt", AttributeValue.fromS(now.toString()));
            item.put("tokenExpiresAt", AttributeValue.fromS(tokenExpiresAt.toString()));
            puts.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
        }
        for (int i = 0; i < puts.size(); i += 25) {
            List<WriteRequest> batch = puts.subList(i, Math.min(puts.size(), i + 25));
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > 8) {
                    throw new IllegalStateException("insider notices for " + dropId + " kept being throttled");
                }
                Map<String, List<WriteRequest>> request = pending;
                pending = dynamoDb.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
                if (!pending.isEmpty()) {
                    Backoff.sleep(attempt);
                }
            }
        }
    }

    /** An order row from the index's projection (DropTable.ORDERS_BY_DROP_PROJECTION). */
    /** {@code n} of {@code WAVE#<n>}, or of a hub's or a shard's {@code WAVE#<n>#<hubId|shard>}. */
    private static int waveNumber(String movementId) {
        String rest = movementId.substring("WAVE#".length());
        int end = rest.indexOf('#');
        return Integer.parseInt(end < 0 ? rest : rest.substring(0, end));
    }

    private static OrderRow row(Map<String, AttributeValue> item) {
        Map<String, Integer> units = new HashMap<>();
        for (AttributeValue line : item.get("lines").l()) {
            units.merge(Attributes.string(line.m(), "sku"), Attributes.integer(line.m(), "quantity"), Integer::sum);
        }
        return new OrderRow(Attributes.string(item, "orderId"), Attributes.string(item, "dropId"),
                Attributes.string(item, "buyerId"), OrderStatus.valueOf(Attributes.string(item, "status")),
                Attributes.number(item, "amount"), Attributes.string(item, "currency"), units,
                Attributes.instant(item, "createdAt"), Attributes.instant(item, "paidAt"),
                Attributes.string(item, "intentId"), Attributes.string(item, "refundReason"),
                "PREORDER".equals(Attributes.string(item, "kind")));
    }
}
