package dev.microdrop.infrastructure.dynamodb;

import static dev.microdrop.infrastructure.dynamodb.Attributes.n;
import static dev.microdrop.infrastructure.dynamodb.Attributes.s;
import static dev.microdrop.infrastructure.dynamodb.Attributes.time;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.infrastructure.json.Json;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The transactional outbox: a domain event is an item written in the same transaction as the change it
 * reports. The table's stream carries every new outbox item to the relay, which publishes it; if a function dies
 * after its write, the event is still in the stream. Items expire a week later (TTL), long after publishing.
 */
public final class OutboxItems {

    public static final String TYPE = "OutboxEvent";
    public static final Duration RETENTION = Duration.ofDays(7);

    private static final ObjectMapper JSON = Json.mapper();

    private OutboxItems() {
    }

    static TransactWriteItem put(String table, DomainEvent event) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(event))
                .conditionExpression(Conditions.OUTBOX_EVENT_NEW).build()).build();
    }

    static Map<String, AttributeValue> item(DomainEvent event) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.outboxEvent(event.eventId()));
        item.put(DropItems.TYPE, s(TYPE));
        item.put("eventId", s(event.eventId()));
        item.put("detailType", s(event.type()));
        item.put("detail", s(detail(event)));
        item.put("dropId", s(event.dropId()));
        item.put("occurredAt", time(event.occurredAt()));
        item.put(DropTable.TTL_ATTRIBUTE, n(event.occurredAt().plus(RETENTION).getEpochSecond()));
        return item;
    }

    /** The event's JSON, as consumers receive it in the EventBridge {@code detail}. */
    public static String detail(DomainEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable: " + event.eventId(), e);
        }
    }
}
