package dev.microdrop.infrastructure.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One domain event as the outbox stores it, ready for the bus.
 *
 * @param eventId    our deterministic id, also inside {@code detailJson}; EventBridge assigns its own envelope id,
 *                   so consumers dedupe by this one
 * @param detailType the EventBridge {@code detail-type}, e.g. {@code OrderPaid}
 * @param detailJson the event as a JSON object: EventBridge refuses anything else, entry by entry
 * @param time       when it happened; becomes the envelope's {@code time}
 */
public record OutboxEvent(String eventId, String detailType, String detailJson, Instant time) {

    public OutboxEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(detailType, "detailType");
        Objects.requireNonNull(detailJson, "detailJson");
        Objects.requireNonNull(time, "time");
        if (eventId.isBlank()) {
            throw new IllegalArgumentException("eventId must not be blank");
        }
    }
}
