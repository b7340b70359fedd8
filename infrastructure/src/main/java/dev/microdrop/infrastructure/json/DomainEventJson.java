package dev.microdrop.infrastructure.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microdrop.core.events.DomainEvent;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A domain event back from its JSON: the {@code detail} the outbox wrote ({@code OutboxItems.detail}) under its
 * {@code detail-type}, the event's simple name. What a consumer that keeps whole events (the shop) reads them with.
 * Tolerant in one way only: a member this code does not know is ignored, because a drop deployed from newer code may
 * add one, and a long-lived shop must still read its events. A member missing (the outbox writes every member, nulls
 * included), or of a wrong type, is refused: that is not the event its detail-type names; except a member this code
 * added to an event later ({@link #ADDED_LATER}), which an event of a drop deployed from older code lacks: it reads
 * as that member's "none".
 */
public final class DomainEventJson {

    private static final Map<String, Class<?>> TYPES = Arrays.stream(DomainEvent.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    /**
     * Per event, the members added after its first version, with the value an older event means by leaving them
     * out: a drop published before drops named interests names none.
     */
    private static final Map<String, Map<String, JsonNode>> ADDED_LATER = Map.of(
            "DropPublished", Map.of("interests", JsonNodeFactory.instance.arrayNode()));

    private final ObjectMapper mapper;

    public DomainEventJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The event, or empty when {@code detailType} names none or the detail is not that event. */
    public Optional<DomainEvent> read(String detailType, JsonNode detail) {
        Class<?> type = TYPES.get(detailType);
        if (type == null || detail == null || !detail.isObject()) {
            return Optional.empty();
        }
        try {
            DomainEvent event = (DomainEvent) mapper.readerFor(type)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                    .readValue(completed(detailType, (ObjectNode) detail));
            return event.eventId() == null || event.dropId() == null || event.occurredAt() == null
                    ? Optional.empty() : Optional.of(event);
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The detail with the members added later that it lacks, each as its "none". */
    private static JsonNode completed(String detailType, ObjectNode detail) {
        Map<String, JsonNode> later = ADDED_LATER.getOrDefault(detailType, Map.of());
        if (later.keySet().stream().allMatch(detail::has)) {
            return detail;
        }
        ObjectNode completed = detail.deepCopy();
        later.forEach((member, none) -> {
            if (!completed.has(member)) {
                completed.set(member, none.deepCopy());
            }
        });
        return completed;
    }

    /** The same, from the detail's text. */
    public Optional<DomainEvent> read(String detailType, String detail) {
        try {
            return read(detailType, mapper.readTree(detail));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The event's detail, as the outbox writes it. */
    public String write(DomainEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable: " + event.eventId(), e);
        }
    }
}
