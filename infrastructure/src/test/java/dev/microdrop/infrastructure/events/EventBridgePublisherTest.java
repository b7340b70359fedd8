package dev.microdrop.infrastructure.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

class EventBridgePublisherTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final List<Duration> backoffs = new ArrayList<>();

    @Test
    void publish_when25Events_thenThreeCallsOfAtMostTenInOrder() {
        ScriptedEventBridge eventBridge = new ScriptedEventBridge(entry -> null);

        publisher(eventBridge).publish(events(25));

        assertThat(eventBridge.requests).extracting(r -> r.entries().size()).containsExactly(10, 10, 5);
        assertThat(eventBridge.requests.stream().flatMap(r -> r.entries().stream()).map(PutEventsRequestEntry::detail))
                .containsExactlyElementsOf(events(25).stream().map(OutboxEvent::detailJson).toList());
        assertThat(backoffs).isEmpty();
    }

    @Test
    void publish_whenCalled_thenEachEntryNamesBusSourceTypeDetailAndTime() {
        ScriptedEventBridge eventBridge = new ScriptedEventBridge(entry -> null);

        new EventBridgePublisher(eventBridge, "microdrop-bus").publish(events(1));

        PutEventsRequestEntry entry = eventBridge.requests.getFirst().entries().getFirst();
        assertThat(entry.eventBusName()).isEqualTo("microdrop-bus");
        assertThat(entry.source()).isEqualTo(EventBridgePublisher.DEFAULT_SOURCE);
        assertThat(entry.detailType()).isEqualTo("OrderPaid");
        assertThat(entry.detail()).isEqualTo("{\"eventId\":\"evt-0\"}");
        assertThat(entry.time()).isEqualTo(T0);
        assertThat(entry.resources()).isEmpty();
    }

    @Test
    void publish_whenSomeEntriesAreThrottledOnce_thenOnlyThoseAreResentAfterABackoff() {
        Set<String> throttledOnce = new HashSet<>(Set.of("{\"eventId\":\"evt-2\"}", "{\"eventId\":\"evt-5\"}"));
        ScriptedEventBridge eventBridge = new ScriptedEventBridge(
                entry -> throttledOnce.remove(entry.detail()) ? "ThrottlingException" : null);

        publisher(eventBridge).publish(events(7));

        assertThat(eventBridge.requests).hasSize(2);
        assertThat(eventBridge.requests.get(1).entries()).extracting(PutEventsRequestEntry::detail)
                .containsExactly("{\"eventId\":\"evt-2\"}", "{\"eventId\":\"evt-5\"}");
        assertThat(backoffs).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void publish_whenThrottlingPersists_thenGivesUpAfterThreeAttemptsNamingTheEvent() {
        ScriptedEventBridge eventBridge = new ScriptedEventBridge(
                entry -> entry.detail().contains("evt-3") ? "ThrottlingException" : null);

        assertThatThrownBy(() -> publisher(eventBridge).publish(events(5)))
                .isInstanceOfSatisfying(EventPublishException.class, e -> {
                    assertThat(e.failedEventIds()).containsExactly("evt-3");
                    assertThat(e.getMessage()).contains("refused 1 of 5 events", "evt-3 (ThrottlingException:");
                });
        assertThat(eventBridge.requests).hasSize(3);
        assertThat(backoffs).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void publish_whenAnEntryIsMalformed_thenItIsNotRetriedAndTheOthersInLaterBatchesStillGo() {
        ScriptedEventBridge eventBridge = new ScriptedEventBridge(
                entry -> entry.detail().contains("evt-4") ? "MalformedDetail" : null);

        assertThatThrownBy(() -> publisher(eventBridge).publish(events(12)))
                .isInstanceOfSatisfying(EventPublishException.class,
                        e -> assertThat(e.failedEventIds()).containsExactly("evt-4"));
        assertThat(eventBridge.requests).extracting(r -> r.entries().size()).containsExactly(10, 2);
        assertThat(backoffs).isEmpty();
    }

    @Test
    void batches_whenDetailsAreLarge_thenEachRequestStaysWithinTheSizeLimit() {
        String large = "{\"eventId\":\"x\",\"pad\":\"" + "a".repeat(100_000) + "\"}";
        List<OutboxEvent> events = IntStream.range(0, 5)
                .mapToObj(i -> new OutboxEvent("evt-" + i, "OrderPaid", large, T0)).toList();

        List<List<OutboxEvent>> batches = publisher(new ScriptedEventBridge(entry -> null)).batches(events);

        assertThat(batches).extracting(List::size).containsExactly(2, 2, 1);
    }

    private EventBridgePublisher publisher(EventBridgeClient eventBridge) {
        return new EventBridgePublisher(eventBridge, "microdrop", "microdrop", 3, Duration.ofMillis(100),
                backoffs::add);
    }

    private static List<OutboxEvent> events(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new OutboxEvent("evt-" + i, "OrderPaid", "{\"eventId\":\"evt-" + i + "\"}", T0))
                .toList();
    }

    /** Answers PutEvents entry by entry: the function gives an error code, or null to accept the entry. */
    private static final class ScriptedEventBridge implements EventBridgeClient {

        final List<PutEventsRequest> requests = new ArrayList<>();
        private final Function<PutEventsRequestEntry, String> errorFor;

        ScriptedEventBridge(Function<PutEventsRequestEntry, String> errorFor) {
            this.errorFor = errorFor;
        }

        @Override
        public PutEventsResponse putEvents(PutEventsRequest request) {
            requests.add(request);
            List<PutEventsResultEntry> results = request.entries().stream().map(entry -> {
                String error = errorFor.apply(entry);
                return error == null
                        ? PutEventsResultEntry.builder().eventId(UUID.randomUUID().toString()).build()
                        : PutEventsResultEntry.builder().errorCode(error).errorMessage("scripted " + error).build();
            }).toList();
            int failed = (int) results.stream().filter(r -> r.errorCode() != null).count();
            return PutEventsResponse.builder().failedEntryCount(failed).entries(results).build();
        }

        @Override
        public String serviceName() {
            return "events";
        }

        @Override
        public void close() {
        }
    }
}
