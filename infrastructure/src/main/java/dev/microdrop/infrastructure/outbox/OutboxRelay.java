package dev.microdrop.infrastructure.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.events.StockSignals;
import dev.microdrop.infrastructure.dynamodb.OutboxItems;
import dev.microdrop.infrastructure.dynamodb.ShardSummaries;
import dev.microdrop.infrastructure.events.EventBridgePublisher;
import dev.microdrop.infrastructure.events.OutboxEvent;
import dev.microdrop.infrastructure.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries the table's stream to the event bus. Outbox items (written in the same transaction as the change they
 * report) are published as they are; SKU changes that cross zero or the low-stock line become SoldOut and
 * StockLow events; an OrderHeld (or a PreorderPlaced) also schedules the hold's expiry. If a function died between its write and
 * this publish, the stream still holds the record: nothing is lost, and redelivery is deduplicated by event id.
 *
 * <p>A sharded SKU's counters live in its stock shards: the relay records each shard's change in the SKU item's
 * {@link ShardSummaries summary} (once per shard per batch, the batch's last record of that shard), and a change that
 * takes the summed counters across zero or the low-stock line is checked against the shards themselves before it
 * becomes SoldOut or StockLow, since shards heard at different moments can add up to a zero that never was (a move
 * between shards seen half done).
 *
 * <p>Records are relayed in stream order, shard changes at the end of the batch; on a failure the relay reports
 * the first record it could not finish, so the caller (Lambda's event source mapping with ReportBatchItemFailures,
 * or the local poller) retries from there.
 */
public final class OutboxRelay {

    private static final ObjectMapper JSON = Json.mapper();
    private static final String STOCK_SHARD = "StockShard";

    private final EventBridgePublisher publisher;
    private final HoldExpiryQueue expiries;
    private final ShardSummaries summaries;
    private final Clock clock;

    public OutboxRelay(EventBridgePublisher publisher, HoldExpiryQueue expiries, ShardSummaries summaries,
            Clock clock) {
        this.publisher = publisher;
        this.expiries = expiries;
        this.summaries = summaries;
        this.clock = clock;
    }

    /** @return the sequence number of the first record not relayed, or empty if all were */
    public Optional<String> relay(List<StreamChange> changes) {
        // Per stock shard: the batch's first record (whose old image is where the shard started) and its last.
        Map<String, StreamChange[]> shardChanges = new LinkedHashMap<>();
        for (StreamChange change : changes) {
            if (STOCK_SHARD.equals(change.newString("type"))) {
                StreamChange[] firstAndLast = shardChanges.computeIfAbsent(change.newImage().get("pk").s(),
                        pk -> new StreamChange[] {change, change});
                firstAndLast[1] = change;
                continue;
            }
            try {
                relay(change);
            } catch (RuntimeException e) {
                // Shard changes met before this one are not recorded yet: retry from the earliest.
                return Optional.of(shardChanges.isEmpty() ? change.sequenceNumber()
                        : shardChanges.values().iterator().next()[0].sequenceNumber());
            }
        }
        for (StreamChange[] firstAndLast : shardChanges.values()) {
            try {
                summarise(firstAndLast[0], firstAndLast[1]);
            } catch (RuntimeException e) {
                return Optional.of(firstAndLast[0].sequenceNumber());
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
     * The SoldOut or StockLow a SKU item's change calls for ({@link StockSignals} decides), stamped with when the
     * table made the change, not when the relay read it: a stream read late must not put a sold-out after the
     * back-in-stock that followed it (the shop orders a SKU's episodes by these times).
     */
    List<OutboxEvent> stockEvents(StreamChange change) {
        String dropId = change.newImage().get("pk").s().substring("DROP#".length());
        return StockSignals.of(dropId, change.newString("sku"), change.oldNumber("available"),
                        change.newNumber("available"), change.newNumber("released"), change.sequenceNumber(),
                        change.changedAtOr(clock.instant()))
                .map(event -> List.of(outbox(event))).orElse(List.of());
    }

    /**
     * Records one shard's change (from {@code first}'s old image to {@code last}'s new one) in its SKU's summary;
     * if the sums cross zero or the low-stock line, reads every shard and publishes what they really say.
     */
    private void summarise(StreamChange first, StreamChange last) {
        String dropId = last.newString("dropId");
        String sku = last.newString("sku");
        int shard = last.newNumber("shard");
        StockLevel before = StockLevel.ofShard(sku, shard, first.oldNumber("released"), first.oldNumber("available"),
                first.oldNumber("held"), first.oldNumber("sold"));
        StockLevel after = StockLevel.ofShard(sku, shard, last.newNumber("released"), last.newNumber("available"),
                last.newNumber("held"), last.newNumber("sold"));
        if (before.equals(after) && "MODIFY".equals(first.eventName())) {
            return; // a pause, a resume or new times: no counter moved
        }
        Optional<ShardSummaries.Change> change = summaries.record(dropId, sku, before, after, last.sequenceNumber());
        if (change.isEmpty()) {
            return;
        }
        ShardSummaries.Change c = change.get();
        StockSignals.Crossing summed = StockSignals.crossing(c.availableBefore(), c.availableAfter(), c.released());
        if (summed == StockSignals.Crossing.NONE) {
            return;
        }
        StockSignals.confirmed(dropId, sku, summed, summaries.exact(dropId, sku, c.shards()), last.sequenceNumber(),
                last.changedAtOr(clock.instant())).ifPresent(event -> publisher.publish(List.of(outbox(event))));
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
