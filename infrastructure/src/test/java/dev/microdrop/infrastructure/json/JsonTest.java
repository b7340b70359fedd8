package dev.microdrop.infrastructure.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.infrastructure.dynamodb.OutboxItems;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static final Instant AT = Instant.parse("2026-11-28T18:00:03.412Z");
    private final ObjectMapper json = Json.mapper();

    @Test
    void read_whenAMemberComesTwice_thenRefused() {
        assertThatThrownBy(() -> json.readTree("{\"dropId\": \"a\", \"dropId\": \"b\"}"))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("Duplicate field 'dropId'");
    }

    @Test
    void read_whenSomethingFollowsTheDocument_thenRefused() {
        assertThatThrownBy(() -> json.readTree("{\"a\": 1} {\"b\": 2}")).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void read_whenNestedDeeperThan32_thenRefused() throws Exception {
        assertThat(json.readTree("[".repeat(32) + "]".repeat(32)).isArray()).isTrue();
        assertThatThrownBy(() -> json.readTree("[".repeat(33) + "]".repeat(33)))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void read_whenAStringOrANumberIsTooLong_thenRefused() {
        assertThatThrownBy(() -> json.readTree("\"" + "x".repeat(16_385) + "\""))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> json.readTree("1" + "0".repeat(32))).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void write_whenAValueIsAbsent_thenLeftOut_andInstantsAreIso() throws Exception {
        record Answer(String orderId, String note, Instant expiresAt) {
        }
        assertThat(json.writeValueAsString(new Answer("ord_1", null, AT)))
                .isEqualTo("{\"orderId\":\"ord_1\",\"expiresAt\":\"2026-11-28T18:00:03.412Z\"}");
    }

    @Test
    void write_whenADomainEventHasANullField_thenItIsWritten_asItsSchemaRequires() throws Exception {
        DomainEvent rejected = new DomainEvent.PaymentRejected("evt_ord_1_PaymentRejected_evt_1", AT, "neon-runners",
                "ord_1", "evt_1", "succeeded", "no-intent-on-record", null, 1, null, 13800, "EUR");

        String detail = OutboxItems.detail(rejected);

        assertThat(detail).contains("\"intentId\":null", "\"receivedCurrency\":null",
                "\"occurredAt\":\"2026-11-28T18:00:03.412Z\"");
        assertThat(json.writeValueAsString(rejected)).isEqualTo(detail);
    }
}
