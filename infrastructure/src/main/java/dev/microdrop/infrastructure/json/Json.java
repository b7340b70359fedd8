package dev.microdrop.infrastructure.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.microdrop.core.events.DomainEvent;

/**
 * The one JSON configuration of every production module: the HTTP edge (function-support's {@code JsonBody} and
 * {@code Responses}), the outbox's event details, the queue and event consumers, the Stripe events and the local
 * runtime. Here, in infrastructure, because every module that reads or writes JSON sees it; the core stays free of
 * Jackson.
 *
 * <ul>
 *   <li>Strict on input: exactly one document ({@code {"a":1} x} is refused), no member twice ({@code {"dropId":
 *       "a", "dropId": "b"}} is ambiguous; refuse it rather than pick one), and bounded nesting, string and number
 *       lengths, so a hostile body cannot make the parser work for it.</li>
 *   <li>Instants as ISO-8601 strings.</li>
 *   <li>An absent value is left out of a response ({@code null} fields are not written), except in a domain event:
 *       its schema ({@code events/schemas/}) names every field, null ones too, so an event writes them all.</li>
 * </ul>
 */
public final class Json {

    private Json() {
    }

    /** A mapper with the configuration above; cheap enough to make once per class that needs one. */
    public static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(32)
                        .maxStringLength(16_384)
                        .maxNumberLength(32)
                        .build())
                .build();
        return JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addMixIn(DomainEvent.class, EveryField.class)
                .build();
    }

    /** Mixed into {@link DomainEvent} (and so into every event record): nulls are written. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    private interface EveryField {
    }
}
