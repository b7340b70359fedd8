package dev.microdrop.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps events/schemas/ honest: every domain event, serialized as the outbox serializes it (the EventBridge
 * {@code detail}), validates against its JSON Schema, and every event has one. The code is the truth; when this
 * fails, fix the schema (and tell the consumers), or the code if the schema was right.
 */
class EventSchemasTest {

    /** Relative to the module directory, which is Surefire's working directory. */
    private static final Path SCHEMAS = Path.of("../events/schemas");

    /**
     * What the one mapper ({@code dev.microdrop.infrastructure.json.Json}, which drop-core cannot depend on) does
     * with a domain event, as {@code OutboxItems} writes it: ISO-8601 instants, nulls written as {@code null}.
     * Infrastructure's {@code JsonTest} checks the mapper still does so.
     */
    private static final ObjectMapper OUTBOX_JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final Instant AT = Instant.parse("2026-11-28T18:00:03.412Z");
    private static final String ORDER_ID = "ord_01M8HN0VJM7Q2XW4K9DZB3N6PR";
    private static final String BUYER_ID = "b_3f2a9c1d7e5b4a60918c2d3e4f5a6b7c";
    private static final List<DomainEvent.Line> LINES =
            List.of(new DomainEvent.Line("NR-42", 1), new DomainEvent.Line("GL-1", 2));

    /** One instance of every event, built the way the code builds it. */
    private static final List<DomainEvent> EVENTS = List.of(
            new DomainEvent.OrderHeld("evt_" + ORDER_ID + "_OrderHeld", AT, "neon-runners", ORDER_ID, BUYER_ID, LINES,
                    13800, "EUR", AT.plusSeconds(600), "pickup"),
            new DomainEvent.OrderPaid("evt_" + ORDER_ID + "_OrderPaid", AT, "neon-runners", ORDER_ID, BUYER_ID, LINES,
                    13800, "EUR", "ship", true),
            new DomainEvent.OrderExpired("evt_" + ORDER_ID + "_OrderExpired", AT, "neon-runners", ORDER_ID, LINES),
            new DomainEvent.OrderCancelled("evt_" + ORDER_ID + "_OrderCancelled", AT, "neon-runners", ORDER_ID, LINES,
                    "canceled"),
            new DomainEvent.OrderRefunded("evt_" + ORDER_ID + "_OrderRefunded", AT, "neon-runners", ORDER_ID, LINES,
                    false, "late-payment-no-stock"),
            new DomainEvent.StockLow("evt_stocklow_neon-runners_NR-42_4962400000000000001", AT, "neon-runners",
                    "NR-42", 3, 4),
            new DomainEvent.SoldOut("evt_soldout_neon-runners_NR-42_4962400000000000002", AT, "neon-runners",
                    "NR-42"),
            new DomainEvent.BackInStock("evt_backinstock_neon-runners_NR-42_60_2_57", AT, "neon-runners", "NR-42",
                    "Neon Runner", "EU 42", 1),
            new DomainEvent.WaitlistClaimOffered("evt_" + ORDER_ID + "_WaitlistClaimOffered", AT, "neon-runners",
                    "NR-42", ORDER_ID, BUYER_ID, AT.plusSeconds(600)),
            new DomainEvent.WaveReleased("evt_neon-runners_wave_2", AT, "neon-runners", 2,
                    List.of(new DomainEvent.Line("NR-42", 40))),
            new DomainEvent.PreorderPlaced("evt_" + ORDER_ID + "_PreorderPlaced", AT, "neon-runners", ORDER_ID,
                    BUYER_ID, LINES, 13800, 2760, "EUR", AT.plusSeconds(600), "ship"),
            new DomainEvent.PreorderReserved("evt_" + ORDER_ID + "_PreorderReserved", AT, "neon-runners", ORDER_ID,
                    LINES, 2760, "EUR"),
            new DomainEvent.PreorderConfirmed("evt_" + ORDER_ID + "_PreorderConfirmed", AT, "neon-runners", ORDER_ID,
                    BUYER_ID, 11040, "EUR"),
            new DomainEvent.PreorderCancelled("evt_" + ORDER_ID + "_PreorderCancelled", AT, "neon-runners", ORDER_ID,
                    LINES, 2760, "EUR"),
            new DomainEvent.PreorderReleased("evt_" + ORDER_ID + "_PreorderReleased", AT, "neon-runners", ORDER_ID,
                    LINES, "EXPIRED", "deposit not paid in time"),
            new DomainEvent.PaymentRejected("evt_" + ORDER_ID + "_PaymentRejected_evt_3PqZ1o", AT, "neon-runners",
                    ORDER_ID, "evt_3PqZ1o", "succeeded", "wrong-amount", "pi_3PqZ1o", 1, "EUR", 13800, "EUR"),
            new DomainEvent.DropPaused("evt_neon-runners_DropPaused_" + AT.toEpochMilli(), AT, "neon-runners"),
            new DomainEvent.DropResumed("evt_neon-runners_DropResumed_" + AT.toEpochMilli(), AT, "neon-runners",
                    List.of(new DomainEvent.Line("NR-42", 12))),
            new DomainEvent.PickupReady("evt_" + ORDER_ID + "_PickupReady", AT, "neon-runners", ORDER_ID, BUYER_ID,
                    "kreuzberg", null),
            new DomainEvent.PickupCollected("evt_" + ORDER_ID + "_PickupCollected", AT, "neon-runners", ORDER_ID,
                    BUYER_ID, "kreuzberg"),
            new DomainEvent.OrderShipped("evt_" + ORDER_ID + "_OrderShipped", AT, "neon-runners", ORDER_ID, BUYER_ID,
                    "DHL"),
            new DomainEvent.DropPublished("evt_neon-runners_DropPublished_" + AT.toEpochMilli(), AT, "neon-runners",
                    "Neon Runners", AT.plusSeconds(3600), AT.plusSeconds(7200), AT.plusSeconds(86_400), 300,
                    List.of("kreuzberg"), "https://shop.example/",
                    List.of(new DomainEvent.AccessLayer("past-buyers", AT.plusSeconds(5400))),
                    List.of("running", "streetwear")));

    @Test
    void everyEventHasASchemaFileWithItsId() throws IOException {
        Set<String> built = EVENTS.stream().map(DomainEvent::type).collect(Collectors.toSet());
        for (Class<?> permitted : DomainEvent.class.getPermittedSubclasses()) {
            String name = permitted.getSimpleName();
            assertThat(built).as("this test builds a %s", name).contains(name);
            Path file = SCHEMAS.resolve(name + ".json");
            assertThat(file).as("the schema of %s at %s", name, file.toAbsolutePath().normalize()).isRegularFile();
            JsonNode schema = OUTBOX_JSON.readTree(file.toFile());
            assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText()).isEqualTo("https://microdrop.dev/events/" + name + ".json");
            assertThat(schema.path("title").asText()).isEqualTo(name);
            assertThat(schema.path("description").asText()).contains("eventId").contains("personal data");
            assertThat(schema.path("additionalProperties").isBoolean()
                    && !schema.path("additionalProperties").asBoolean()).as("%s refuses other members", name).isTrue();
            List<String> components = components(permitted);
            assertThat(strings(schema.get("required"))).as("%s requires every component", name)
                    .containsExactlyInAnyOrderElementsOf(components);
            assertThat(fieldNames(schema.get("properties"))).as("%s describes every component, nothing more", name)
                    .containsExactlyInAnyOrderElementsOf(components);
        }
    }

    @Test
    void everyEventSerializesToWhatItsSchemaAllows() throws IOException {
        for (DomainEvent event : EVENTS) {
            JsonNode detail = OUTBOX_JSON.readTree(OUTBOX_JSON.writeValueAsString(event));
            Set<ValidationMessage> errors = schema(event.type()).validate(detail);
            assertThat(errors).as("%s as %s", event.type(), detail).isEmpty();
            // Jackson writes record components only: not the default method type(), which is the detail-type.
            assertThat(fieldNames(detail)).as("the members of %s", event.type())
                    .containsExactlyElementsOf(components(event.getClass()));
            assertThat(detail.get("occurredAt").asText()).isEqualTo("2026-11-28T18:00:03.412Z");
        }
    }

    @Test
    void theSchemasExamplesAreValidAndTheSchemasRefuseWhatTheCodeNeverWrites() throws IOException {
        Map<String, DomainEvent> byType = EVENTS.stream()
                .collect(Collectors.toMap(DomainEvent::type, Function.identity()));
        for (String type : byType.keySet()) {
            JsonSchema schema = schema(type);
            JsonNode examples = OUTBOX_JSON.readTree(SCHEMAS.resolve(type + ".json").toFile()).get("examples");
            assertThat(examples.isArray() && !examples.isEmpty()).as("%s has an example", type).isTrue();
            for (JsonNode example : examples) {
                assertThat(schema.validate(example)).as("example of %s", type).isEmpty();
            }

            JsonNode detail = OUTBOX_JSON.valueToTree(byType.get(type));
            com.fasterxml.jackson.databind.node.ObjectNode extra = detail.deepCopy();
            extra.put("type", type);
            assertThat(schema.validate(extra)).as("%s with an unknown member", type).isNotEmpty();
            com.fasterxml.jackson.databind.node.ObjectNode missing = detail.deepCopy();
            missing.remove("eventId");
            assertThat(schema.validate(missing)).as("%s without eventId", type).isNotEmpty();
            com.fasterxml.jackson.databind.node.ObjectNode epoch = detail.deepCopy();
            epoch.put("occurredAt", AT.getEpochSecond());
            assertThat(schema.validate(epoch)).as("%s with a numeric instant", type).isNotEmpty();
        }
    }

    private static JsonSchema schema(String type) throws IOException {
        String text = Files.readString(SCHEMAS.resolve(type + ".json"), StandardCharsets.UTF_8);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(text, config);
    }

    private static List<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> strings(JsonNode array) {
        assertThat(array.isArray()).as("an array: %s", array).isTrue();
        List<String> values = new ArrayList<>();
        array.elements().forEachRemaining(v -> values.add(v.asText()));
        return values;
    }
}
