package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.instant;
import static dev.microdrop.infrastructure.dynamodb.Attributes.integer;
import static dev.microdrop.infrastructure.dynamodb.Attributes.n;
import static dev.microdrop.infrastructure.dynamodb.Attributes.s;
import static dev.microdrop.infrastructure.dynamodb.Attributes.string;
import static dev.microdrop.infrastructure.dynamodb.Attributes.time;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.shop.Notified;
import dev.microdrop.core.shop.ShopRecords;
import dev.microdrop.core.shop.SurveyAnswer;
import dev.microdrop.infrastructure.json.DomainEventJson;
import dev.microdrop.infrastructure.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The shop's records on its table (locally the drops' table, which it shares), three kinds of item, each kind
 * spread over {@link TableKeys#SHOP_BUCKETS} partitions by a hash of its id, and the fan-outs' records in one
 * partition (docs/data-model.md):
 *
 * <pre>
 * pk = SHOP_EVENTS#&lt;bucket of eventId&gt;   sk = &lt;eventId&gt;            type = ShopEvent
 *      eventId, dropId, detailType, detail (the event's JSON, as the outbox writes it), occurredAt (ISO)
 * pk = SHOP_PUBLICATIONS               sk = &lt;eventId&gt;            type = ShopEvent
 *      the same, for a DropPublished
 * pk = SHOP_FANOUTS                    sk = &lt;fanOutId&gt;           type = ShopFanOut
 *      fanOutId (a publication's eventId, or restock/&lt;dropId&gt;/&lt;sku&gt;/&lt;soldOutId&gt;), pagesQueued (N)
 * pk = SHOP_NOTICES#&lt;bucket of buyerId&gt;  sk = &lt;dropId&gt;#&lt;buyerId&gt;  type = ShopNotice
 *      dropId, buyerId, at (ISO, when known)
 * pk = SHOP_SURVEY#&lt;bucket of buyerId&gt;   sk = &lt;dropId&gt;#&lt;buyerId&gt;  type = SurveyAnswer
 *      dropId, buyerId, score (N, 0..10), at (ISO)
 * </pre>
 *
 * and two copies of some events, each in a partition of its own that one read needs: {@code SHOP_PUBLICATIONS} (the
 * {@code DropPublished}), {@code SHOP_STOCK#<dropId>#<sku>} (a SKU's {@code SoldOut} and {@code BackInStock}).
 *
 * Every write is one conditional {@code PutItem} ({@link Conditions#SHOP_EVENT_NEW}, {@link
 * Conditions#SHOP_NOTICE_NEW}, {@link Conditions#SURVEY_UNANSWERED}): the first stays (a fan-out's record, a plain
 * put: the same split says the same). Every read is one consistent
 * {@code Query} per bucket of its kind, page after page through {@code LastEvaluatedKey}; never a scan. Ids only, no
 * e-mail: the events carry none, and a buyer is its id.
 */
public final class DynamoDbShopRecords implements ShopRecords {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbShopRecords.class);

    static final String EVENT_TYPE = "ShopEvent";
    static final String NOTICE_TYPE = "ShopNotice";
    static final String ANSWER_TYPE = "SurveyAnswer";
    static final String FANOUT_TYPE = "ShopFanOut";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final DomainEventJson json = new DomainEventJson(Json.mapper());
    private final Integer pageSize;

    public DynamoDbShopRecords(DynamoDbClient dynamoDb, String table) {
        this(dynamoDb, table, null);
    }

    /** @param pageSize items per Query page; null for DynamoDB's own (1 MB). Small in tests, to prove the paging. */
    DynamoDbShopRecords(DynamoDbClient dynamoDb, String table, Integer pageSize) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.pageSize = pageSize;
    }

    @Override
    public void append(DomainEvent event) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.shopEvent(event.eventId()));
        item.put(DropItems.TYPE, s(EVENT_TYPE));
        item.put("eventId", s(event.eventId()));
        item.put("dropId", s(event.dropId()));
        item.put("detailType", s(event.type()));
        item.put("detail", s(json.write(event)));
        item.put("occurredAt", time(event.occurredAt()));
        putOnce(item, Conditions.SHOP_EVENT_NEW);
        if (event instanceof DomainEvent.DropPublished) {
            // A copy in the publications' own partition (written after the event: a crash between the two comes back
            // as a redelivery, which writes the copy then).
            Map<String, AttributeValue> publication = new HashMap<>(item);
            publication.putAll(TableKeys.shopPublication(event.eventId()));
            putOnce(publication, Conditions.SHOP_EVENT_NEW);
        }
        stockSku(event).ifPresent(sku -> {
            // A copy in the SKU's own partition, as for publications: a restock alert reads it, not the history.
            Map<String, AttributeValue> stock = new HashMap<>(item);
            stock.putAll(TableKeys.shopStockEvent(event.dropId(), sku, event.eventId()));
            putOnce(stock, Conditions.SHOP_EVENT_NEW);
        });
    }

    /** The SKU of a stock event a restock alert reads ({@code SoldOut}, {@code BackInStock}); empty for others. */
    private static Optional<String> stockSku(DomainEvent event) {
        return switch (event) {
            case DomainEvent.SoldOut soldOut -> Optional.of(soldOut.sku());
            case DomainEvent.BackInStock back -> Optional.of(back.sku());
            default -> Optional.empty();
        };
    }

    /** The SKU's own partition, one Query, never the whole history. */
    @Override
    public List<DomainEvent> stockEvents(String dropId, String sku) {
        return copies(TableKeys.shopStockPartition(dropId, sku));
    }

    /** The events copied into one partition of their own, page after page. */
    private List<DomainEvent> copies(String partition) {
        List<DomainEvent> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(r -> r.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(partition)))
                    .limit(pageSize).exclusiveStartKey(from));
            page.items().forEach(item -> json.read(string(item, "detailType"), string(item, "detail"))
                    .ifPresent(found::add));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return found;
    }

    /** The publications' own partition, one Query, never the whole history. */
    @Override
    public List<DomainEvent.DropPublished> publications() {
        return copies(TableKeys.SHOP_PUBLICATIONS).stream().filter(DomainEvent.DropPublished.class::isInstance)
                .map(DomainEvent.DropPublished.class::cast).toList();
    }

    /**
     * One item of its own in {@code SHOP_FANOUTS}, whatever the fan-out is of: never on a kept event's copy, which a
     * restock episode has none of (an update there would make a bare item that {@link #publications} cannot read).
     * A plain put: a second record of the same split says the same.
     */
    @Override
    public void split(String fanOutId, int pages) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.shopFanOut(fanOutId));
        item.put(DropItems.TYPE, s(FANOUT_TYPE));
        item.put("fanOutId", s(fanOutId));
        item.put("pagesQueued", n(pages));
        dynamoDb.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public java.util.OptionalInt split(String fanOutId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table)
                .key(TableKeys.shopFanOut(fanOutId)).consistentRead(true)
                .projectionExpression("pagesQueued")).item();
        return item == null || !item.containsKey("pagesQueued") ? java.util.OptionalInt.empty()
                : java.util.OptionalInt.of(integer(item, "pagesQueued"));
    }

    /**
     * Every kept event that still reads as its type. One that does not (a type this code no longer knows) is left out
     * and logged by id, rather than taking the shop's history, KPIs, passes and news down with it.
     */
    @Override
    public List<DomainEvent> events() {
        List<Optional<DomainEvent>> read = read(TableKeys.SHOP_EVENTS_PREFIX, item -> {
            Optional<DomainEvent> event = json.read(string(item, "detailType"), string(item, "detail"));
            if (event.isEmpty()) {
                log.warn("the shop's event {} ({}) no longer reads as its type: left out", string(item, "eventId"),
                        string(item, "detailType"));
            }
            return event;
        });
        return read.stream().flatMap(Optional::stream).toList();
    }

    @Override
    public void notified(Notified notified) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.shopNotice(notified.dropId(), notified.buyerId()));
        item.put(DropItems.TYPE, s(NOTICE_TYPE));
        item.put("dropId", s(notified.dropId()));
        item.put("buyerId", s(notified.buyerId().value()));
        if (notified.at() != null) {
            item.put("at", time(notified.at()));
        }
        putOnce(item, Conditions.SHOP_NOTICE_NEW);
    }

    @Override
    public List<Notified> notified() {
        return read(TableKeys.SHOP_NOTICES_PREFIX, item -> new Notified(new BuyerId(string(item, "buyerId")),
                string(item, "dropId"), instant(item, "at")));
    }

    @Override
    public Optional<SurveyAnswer> answer(SurveyAnswer answer) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.surveyAnswer(answer.dropId(), answer.buyerId()));
        item.put(DropItems.TYPE, s(ANSWER_TYPE));
        item.put("dropId", s(answer.dropId()));
        item.put("buyerId", s(answer.buyerId().value()));
        item.put("score", n(answer.score()));
        item.put("at", time(answer.at()));
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression(Conditions.SURVEY_UNANSWERED)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Optional.empty();
        } catch (ConditionalCheckFailedException answered) {
            if (!answered.hasItem() || answered.item().isEmpty()) {
                throw new IllegalStateException("the survey answer for " + answer.dropId()
                        + " was refused without an answer", answered);
            }
            return Optional.of(answer(answered.item()));
        }
    }

    @Override
    public List<SurveyAnswer> surveys() {
        return read(TableKeys.SHOP_SURVEY_PREFIX, DynamoDbShopRecords::answer);
    }

    private static SurveyAnswer answer(Map<String, AttributeValue> item) {
        return new SurveyAnswer(string(item, "dropId"), new BuyerId(string(item, "buyerId")), integer(item, "score"),
                instant(item, "at"));
    }

    /** A put that keeps the first: refused by its condition, it changes nothing, and nothing is left to do. */
    private void putOnce(Map<String, AttributeValue> item, String condition) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression(condition));
        } catch (ConditionalCheckFailedException kept) {
            // Already kept: a redelivery, or a second notice of the same buyer and drop.
        }
    }

    /** Every item of one kind: a consistent Query of each of its buckets, every page. */
    private <T> List<T> read(String prefix, Function<Map<String, AttributeValue>, T> reader) {
        List<T> found = new ArrayList<>();
        for (AttributeValue partition : TableKeys.shopPartitions(prefix)) {
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page = dynamoDb.query(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", partition))
                        .limit(pageSize).exclusiveStartKey(from));
                page.items().stream().map(reader).forEach(found::add);
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return found;
    }
}
