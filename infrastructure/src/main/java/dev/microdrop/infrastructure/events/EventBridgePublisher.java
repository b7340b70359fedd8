package dev.microdrop.infrastructure.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * The one adapter that puts domain events on the bus: PutEvents, and no other AWS call.
 *
 * <p>Delivery is at least once. PutEvents can succeed as a call and still refuse some entries; those come back as
 * error codes, not exceptions. Entries refused for a transient reason (throttling, an internal failure) are sent
 * again with exponential backoff; whatever is still refused after that, and anything refused for good (a malformed
 * detail, say), ends in an {@link EventPublishException} naming the event ids, so the relay keeps them in the
 * outbox and its caller retries. A retry may republish events that did get through; consumers dedupe by the
 * {@code eventId} inside the detail. A call that fails outright (after the SDK's own retries) propagates as the
 * SDK's exception, and later batches of the same list are not attempted.
 */
public final class EventBridgePublisher {

    public static final String DEFAULT_SOURCE = "microdrop";

    /** PutEvents limits: entries per request, and request size as EventBridge counts it. */
    static final int MAX_ENTRIES = 10;
    static final int MAX_REQUEST_BYTES = 256 * 1024;

    /** The error codes EventBridge documents as retryable; every other code will fail again the same way. */
    private static final Set<String> RETRYABLE = Set.of("InternalFailure", "ThrottlingException");

    private final EventBridgeClient eventBridge;
    private final String eventBusName;
    private final String source;
    private final int attempts;
    private final Duration firstBackoff;
    private final Sleeper sleeper;

    public EventBridgePublisher(EventBridgeClient eventBridge, String eventBusName) {
        this(eventBridge, eventBusName, DEFAULT_SOURCE);
    }

    public EventBridgePublisher(EventBridgeClient eventBridge, String eventBusName, String source) {
        this(eventBridge, eventBusName, source, 3, Duration.ofMillis(100), Thread::sleep);
    }

    EventBridgePublisher(EventBridgeClient eventBridge, String eventBusName, String source, int attempts,
                         Duration firstBackoff, Sleeper sleeper) {
        this.eventBridge = Objects.requireNonNull(eventBridge, "eventBridge");
        this.eventBusName = Objects.requireNonNull(eventBusName, "eventBusName");
        this.source = Objects.requireNonNull(source, "source");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
        this.sleeper = sleeper;
    }

    /**
     * Publishes every event, in order, in as few PutEvents calls as the limits allow.
     *
     * @throws EventPublishException if some events were still refused after the retries
     */
    public void publish(List<OutboxEvent> events) {
        List<Failure> failures = new ArrayList<>();
        for (List<OutboxEvent> batch : batches(events)) {
            failures.addAll(send(batch));
        }
        if (!failures.isEmpty()) {
            List<String> ids = failures.stream().map(f -> f.event().eventId()).toList();
            String reasons = failures.stream()
                    .map(f -> f.event().eventId() + " (" + f.errorCode() + ": " + f.errorMessage() + ")")
                    .collect(Collectors.joining(", "));
            throw new EventPublishException("EventBridge bus " + eventBusName + " refused " + failures.size() + " of "
                    + events.size() + " events: " + reasons, ids);
        }
    }

    private List<Failure> send(List<OutboxEvent> batch) {
        List<Failure> refused = new ArrayList<>();
        List<OutboxEvent> pending = batch;
        for (int attempt = 1; ; attempt++) {
            PutEventsResponse response = eventBridge.putEvents(PutEventsRequest.builder()
                    .entries(pending.stream().map(this::entry).toList())
                    .build());
            List<Failure> retryable = new ArrayList<>();
            for (Failure failure : failures(pending, response)) {
                (RETRYABLE.contains(failure.errorCode()) ? retryable : refused).add(failure);
            }
            if (retryable.isEmpty() || attempt == attempts) {
                refused.addAll(retryable);
                return refused;
            }
            sleep(firstBackoff.multipliedBy(1L << (attempt - 1)));
            pending = retryable.stream().map(Failure::event).toList();
        }
    }

    /** Result entries come in request order, one per entry; a missing one counts as a transient failure. */
    private static List<Failure> failures(List<OutboxEvent> sent, PutEventsResponse response) {
        if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
            return List.of();
        }
        List<PutEventsResultEntry> results = response.entries();
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            if (i >= results.size()) {
                failures.add(new Failure(sent.get(i), "InternalFailure", "no result entry for this event"));
            } else if (results.get(i).errorCode() != null) {
                failures.add(new Failure(sent.get(i), results.get(i).errorCode(), results.get(i).errorMessage()));
            }
        }
        return failures;
    }

    private PutEventsRequestEntry entry(OutboxEvent event) {
        return PutEventsRequestEntry.builder()
                .eventBusName(eventBusName)
                .source(source)
                .detailType(event.detailType())
                .detail(event.detailJson())
                .time(event.time())
                .resources(List.of())
                .build();
    }

    List<List<OutboxEvent>> batches(List<OutboxEvent> events) {
        List<List<OutboxEvent>> batches = new ArrayList<>();
        List<OutboxEvent> current = new ArrayList<>();
        int currentBytes = 0;
        for (OutboxEvent event : events) {
            int size = entrySize(event);
            if (!current.isEmpty() && (current.size() == MAX_ENTRIES || currentBytes + size > MAX_REQUEST_BYTES)) {
                batches.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(event);
            currentBytes += size;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /** EventBridge's documented entry size: 14 bytes for Time plus the UTF-8 lengths of the strings. */
    private int entrySize(OutboxEvent event) {
        return 14 + utf8Length(source) + utf8Length(event.detailType()) + utf8Length(event.detailJson());
    }

    private static int utf8Length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    private void sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off between PutEvents retries", e);
        }
    }

    private record Failure(OutboxEvent event, String errorCode, String errorMessage) {
    }

    /** Backoff without real sleeping in tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }
}
