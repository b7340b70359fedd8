package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.s;

import dev.microdrop.core.audience.BuyerErasure;
import dev.microdrop.core.audience.BuyerRecords;
import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.infrastructure.fulfilment.DynamoDbFulfilmentRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * One drop table's records of a buyer, for the buyer's export and erasure (docs/audience.md, docs/data-model.md):
 *
 * <ul>
 *   <li>the drops: the directory ({@code DROPS}); locally one table holds every drop, deployed one;</li>
 *   <li>each drop's orders of the buyer: the orders-by-drop index {@code gsi1}, whose projection carries
 *       {@code buyerId}, filtered on it, then each order read consistently (the index holds no e-mail); no item was
 *       added for this: an erasure is rare, and reading a drop's index entries (ids and amounts, a few hundred bytes
 *       each) is its cost;</li>
 *   <li>their pick tickets ({@code FULFIL#<orderId>}), by the orders' ids;</li>
 *   <li>their waitlist places: each SKU's line ({@code WAITLIST#<dropId>#<sku>}) filtered on {@code buyerId};</li>
 *   <li>their insiders' passes ({@code INSIDERS#<dropId>} / {@code <buyerId>}: an id and a time, no address).</li>
 * </ul>
 *
 * <p>The erasure is one conditional {@code UpdateItem} per record that still holds personal data: an order loses
 * {@code buyerEmail} and its ship-to address but the country ({@code BUYER_EMAIL_PRESENT}); a pick ticket its
 * {@code shipTo} but the country ({@code SHIP_TO_PRESENT}); a waitlist place its e-mail and address, and a waiting
 * one is skipped ({@code skipReason} {@code erased}, {@code WAITLIST_PLACE_ERASABLE}). Each gets {@code erasedAt}.
 * Lines, amounts, statuses, ledger entries, counters and the buyer's running total (ids and numbers only) stay, so
 * the reconciliation still balances. Idempotent: the conditions make a second run count nothing.
 */
public final class DynamoDbBuyerErasure implements BuyerRecords, BuyerErasure {

    /** The ship-to address's personal fields: what an erasure removes (the country stays). */
    private static final List<String> ADDRESS_FIELDS = List.of("name", "line1", "line2", "city", "postalCode");
    private static final int ATTEMPTS = 5;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbBuyerErasure(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Kept export(BuyerId buyer) {
        List<Order> orders = new ArrayList<>();
        List<Place> places = new ArrayList<>();
        List<InsiderPass> passes = new ArrayList<>();
        for (String dropId : drops()) {
            for (String orderId : orderIds(dropId, buyer)) {
                DynamoDbOrderStore.find(dynamoDb, table, orderId).ifPresent(orders::add);
            }
            for (Map<String, AttributeValue> place : places(dropId, buyer)) {
                places.add(new Place(DynamoDbWaitlist.entry(place), Attributes.string(place, "status")));
            }
            Map<String, AttributeValue> pass = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                    .key(TableKeys.insiderNotice(dropId, buyer))).item();
            if (pass != null && !pass.isEmpty()) {
                passes.add(new InsiderPass(dropId, Attributes.instant(pass, "issuedAt")));
            }
        }
        return new Kept(table, orders, places, passes);
    }

    @Override
    public Erased erase(BuyerId buyer, Instant at) {
        int orders = 0;
        int tickets = 0;
        int places = 0;
        for (String dropId : drops()) {
            for (String orderId : orderIds(dropId, buyer)) {
                Optional<Order> order = DynamoDbOrderStore.find(dynamoDb, table, orderId);
                if (order.isPresent() && eraseOrder(order.get(), at)) {
                    orders++;
                }
                if (eraseTicket(orderId, at)) {
                    tickets++;
                }
            }
            for (Map<String, AttributeValue> place : places(dropId, buyer)) {
                if (erasePlace(place, at)) {
                    places++;
                }
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put(ORDERS, orders);
        counts.put(PICK_TICKETS, tickets);
        counts.put(WAITLIST_PLACES, places);
        return new Erased(table, counts);
    }

    private boolean eraseOrder(Order order, Instant at) {
        boolean ship = order.fulfilment() instanceof Fulfilment.Ship;
        return update(TableKeys.order(order.orderId()), "buyerEmail" + removals("fulfilment.address.", ship),
                Conditions.BUYER_EMAIL_PRESENT, ship, at);
    }

    private boolean eraseTicket(String orderId, Instant at) {
        return update(DynamoDbFulfilmentRecords.key(orderId), removals("shipTo.", true).substring(2),
                Conditions.SHIP_TO_PRESENT, true, at);
    }

    /** One conditional {@code REMOVE ... SET erasedAt}; false when the condition found nothing left to erase. */
    private boolean update(Map<String, AttributeValue> key, String remove, String condition, boolean address,
            Instant at) {
        try {
            dynamoDb.updateItem(r -> {
                r.tableName(table).key(key).updateExpression("REMOVE " + remove + " SET erasedAt = :at")
                        .conditionExpression(condition).expressionAttributeValues(Map.of(":at", s(at.toString())));
                if (address) {
                    r.expressionAttributeNames(names(true, false));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException nothingLeft) {
            return false;
        }
    }

    /** A place read in the query; read again when its status changed in between (a claim offered meanwhile). */
    private boolean erasePlace(Map<String, AttributeValue> place, Instant at) {
        Map<String, AttributeValue> current = place;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (current == null || !current.containsKey("buyerEmail")) {
                return false;
            }
            String status = Attributes.string(current, "status");
            boolean waiting = "WAITING".equals(status);
            Map<String, AttributeValue> values = new LinkedHashMap<>(Map.of(":at", s(at.toString()), ":seen", s(status)));
            if (waiting) {
                values.put(":skipped", s("SKIPPED"));
                values.put(":why", s("erased"));
            }
            boolean ship = current.get("fulfilment").m().containsKey("address");
            try {
                dynamoDb.updateItem(r -> r.tableName(table).key(Map.of(TableKeys.PK, place.get(TableKeys.PK),
                                TableKeys.SK, place.get(TableKeys.SK)))
                        .updateExpression("REMOVE buyerEmail" + removals("fulfilment.address.", ship)
                                + " SET erasedAt = :at" + (waiting ? ", #status = :skipped, skipReason = :why" : ""))
                        .conditionExpression(Conditions.WAITLIST_PLACE_ERASABLE)
                        .expressionAttributeNames(names(ship, true))
                        .expressionAttributeValues(values));
                return true;
            } catch (ConditionalCheckFailedException changed) {
                current = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of(TableKeys.PK,
                        place.get(TableKeys.PK), TableKeys.SK, place.get(TableKeys.SK)))).item();
            }
        }
        throw new IllegalStateException("the erasure of a waitlist place lost " + ATTEMPTS + " races in a row");
    }

    /** {@code , <prefix>#name, <prefix>line1...}: the address's personal fields under {@code prefix}, or nothing. */
    private static String removals(String prefix, boolean ship) {
        if (!ship) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (String field : ADDRESS_FIELDS) {
            // "name" is a reserved word in DynamoDB's expressions.
            text.append(", ").append(prefix).append(field.equals("name") ? "#name" : field);
        }
        return text.toString();
    }

    private static Map<String, String> names(boolean address, boolean status) {
        Map<String, String> names = new LinkedHashMap<>();
        if (address) {
            names.put("#name", "name");
        }
        if (status) {
            names.put("#status", "status");
        }
        return names;
    }

    /** The drops this table holds, from its directory. */
    private List<String> drops() {
        List<String> drops = new ArrayList<>();
        dynamoDb.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :drops")
                        .expressionAttributeValues(Map.of(":drops", s(TableKeys.DIRECTORY))).build())
                .items().forEach(item -> drops.add(Attributes.string(item, "dropId")));
        return drops;
    }

    /** The ids of the buyer's orders in the drop, from the orders-by-drop index (eventually consistent). */
    private List<String> orderIds(String dropId, BuyerId buyer) {
        List<String> ids = new ArrayList<>();
        dynamoDb.queryPaginator(QueryRequest.builder().tableName(table).indexName(DropTable.ORDERS_BY_DROP_INDEX)
                        .keyConditionExpression(DropTable.GSI1_PK + " = :drop").filterExpression("buyerId = :buyer")
                        .expressionAttributeValues(Map.of(":drop", s(TableKeys.DROP_PREFIX + dropId),
                                ":buyer", s(buyer.value())))
                        .build())
                .items().forEach(item -> ids.add(Attributes.string(item, "orderId")));
        return ids;
    }

    /** The buyer's waitlist places in the drop: each SKU's line, filtered on the buyer. */
    private List<Map<String, AttributeValue>> places(String dropId, BuyerId buyer) {
        List<Map<String, AttributeValue>> places = new ArrayList<>();
        for (String sku : skus(dropId)) {
            dynamoDb.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                            .keyConditionExpression("pk = :line").filterExpression("buyerId = :buyer")
                            .expressionAttributeValues(Map.of(":line", TableKeys.waitlistPartition(dropId, sku),
                                    ":buyer", s(buyer.value())))
                            .build())
                    .items().forEach(places::add);
        }
        return places;
    }

    private List<String> skus(String dropId) {
        List<String> skus = new ArrayList<>();
        dynamoDb.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :drop AND begins_with(sk, :sku)")
                        .expressionAttributeValues(Map.of(":drop", TableKeys.dropPartition(dropId), ":sku", s("SKU#")))
                        .projectionExpression("sk").build())
                .items().forEach(item -> skus.add(Attributes.string(item, "sk").substring("SKU#".length())));
        return skus;
    }
}
