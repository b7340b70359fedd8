package dev.microdrop.infrastructure.events;

import java.util.List;

/**
 * EventBridge accepted the request but kept refusing some of its entries. The events named here were not published;
 * the others were. Thrown so the outbox relay leaves them in place and its caller retries.
 */
public final class EventPublishException extends RuntimeException {

    private final List<String> failedEventIds;

    EventPublishException(String message, List<String> failedEventIds) {
        super(message);
        this.failedEventIds = List.copyOf(failedEventIds);
    }

    public List<String> failedEventIds() {
        return failedEventIds;
    }
}
