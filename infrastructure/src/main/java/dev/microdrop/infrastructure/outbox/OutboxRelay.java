package dev.microdrop.infrastructure.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.infrastructure.dynamodb.OutboxItems;
import dev.microdrop.infrastructure.events.EventBridgePublisher;
import dev.microdrop.infrastructure.events.OutboxEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Carries the table's stream to the event bus. Outbox items (written in the same transaction as the change they
 * report) are published as they are; SKU changes that cross zero or the low-stock line become SoldOut and
 * StockLow events; an OrderHeld (or a PreorderPlaced) also schedules the hold's expiry. If a function died between its write and
 * this publish, the stream still holds the record: nothing is lost, and redelivery is deduplicated by event id.
 *
 * <p>Records are relayed in stream order; on a failure the relay reports the first record it could not
 * finish, so the caller (Lambda's event source mapping with ReportBatchItemFailures, or the local poller)
 * retries from there.
 */
public final class OutboxRelay {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventBridgePublisher publisher;
    private final HoldExpiryQueue expiries;
    private final Clock clock;

    public OutboxRelay(EventBridgePublisher publisher, HoldExpiryQueue expiries, Clock clock) {
        this.publisher = publisher;
        this.expiries = expiries;
        this.clock = clock;
    }

    /** @return the sequence number of the first record not relayed, or empty if all were */
    public Optional<String> relay(List<StreamChange> changes) {
        for (StreamChange change : changes) {
            try {
                relay(change);
            } catch (RuntimeException e) {
                return Optional.of(change.sequenceNumber());
            }
        }
        return Optional.empty();
    }

    private void relay(StreamChange change) {
        String type = change.newString("type");
        if ("INSERT".equals(change.eventName()) && OutboxItems.TYPE.equals(type)) {
            OutboxEvent event = new OutboxEvent(change.newString("eventId"), change.newString("detailType"),
                    change.newString("detail"), Instant.parse(change.newString("occurredAt")));
            publisher.publish(List.of(event));
            // A pre-order's deposit hold lapses like a stock hold: the same delayed message, the same expiry.
            if ("OrderHeld".equals(event.detailType()) || "PreorderPlaced".equals(event.detailType())) {
                JsonNode detail = read(event.detailJson());
                expiries.schedule(detail.get("orderId").asText(), Instant.parse(detail.get("holdExpiresAt").asText()));
            }
        } else if ("MODIFY".equals(change.eventName()) && "Sku".equals(type)) {
            List<OutboxEvent> derived = stockEvents(change);
            if (!derived.isEmpty()) {
                publisher.publish(derived);
            }
        }
    }

    /**
     * SoldOut when a SKU's available count reaches zero, StockLow when it crosses a tenth of what was released.
     * Ids are derived from the stream record, so a redelivered record yields the same event id.
     */
    List<OutboxEvent> stockEvents(StreamChange change) {
        int before = change.oldNumber("available");
        int after = change.newNumber("available");
        String dropId = change.newImage().get("pk").s().substring("DROP#".length());
        String sku = change.newString("sku");
        Instant at = clock.instant();
        List<OutboxEvent> events = new ArrayList<>();
        int threshold = Math.max(1, change.newNumber("released") / 10);
        if (before > 0 && after <= 0) {
            events.add(outbox(new DomainEvent.SoldOut("evt_soldout_" + dropId + "_" + sku + "_"
                    + change.sequenceNumber(), at, dropId, sku)));
        } else if (before > threshold && after <= threshold && after > 0) {
            events.add(outbox(new DomainEvent.StockLow("evt_stocklow_" + dropId + "_" + sku + "_"
                    + change.sequenceNumber(), at, dropId, sku, after, threshold)));
        }
        return events;
    }

    private static OutboxEvent outbox(DomainEvent event) {
        return new OutboxEvent(event.eventId(), event.type(), OutboxItems.detail(event), event.occurredAt());
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
