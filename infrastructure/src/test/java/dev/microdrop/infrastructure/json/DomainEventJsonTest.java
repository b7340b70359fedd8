package dev.microdrop.infrastructure.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.infrastructure.dynamodb.OutboxItems;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An event written by the outbox reads back equal; anything else is refused, not guessed. */
class DomainEventJsonTest {

    private static final Instant AT = Instant.parse("2026-12-02T18:00:00.123Z");
    private final DomainEventJson json = new DomainEventJson(Json.mapper());

    @Test
    void whatTheOutboxWrites_readsBackEqual() {
        List<DomainEvent> events = List.of(
                new DomainEvent.DropPublished("evt_d_DropPublished_1", AT, "d", "Drop", null, AT, AT.plusSeconds(60),
                        10, List.of("hub"), null),
                new DomainEvent.OrderPaid("evt_o_OrderPaid", AT, "d", "o", "b_1", List.of(new DomainEvent.Line("A", 2)),
                        5_000, "EUR", "ship", true),
                new DomainEvent.PickupReady("evt_o_PickupReady", AT, "d", "o", "b_1", "hub", null));
        for (DomainEvent event : events) {
            assertThat(json.read(event.type(), OutboxItems.detail(event))).contains(event);
        }
    }

    @Test
    void anUnknownType_anotherEventsDetail_orAMissingId_isRefused_butAMemberANewerDropAdded_isIgnored() {
        String paid = OutboxItems.detail(new DomainEvent.PickupCollected("evt_o_PickupCollected", AT, "d", "o", "b_1",
                "hub"));
        assertThat(json.read("Nonsense", paid)).isEmpty();
        assertThat(json.read("OrderPaid", paid)).as("another event's detail").isEmpty();
        assertThat(json.read("PickupCollected", paid.replace("{", "{\"addedLater\":1,"))).contains(
                new DomainEvent.PickupCollected("evt_o_PickupCollected", AT, "d", "o", "b_1", "hub"));
        assertThat(json.read("PickupCollected", paid.replace("\"eventId\":\"evt_o_PickupCollected\",", ""))).isEmpty();
        assertThat(json.read("PickupCollected", "[1]")).isEmpty();
    }

    @Test
    void aDropPublishedOfADropBeforeInterests_readsAsNamingNone_oneThatNamesThem_readsThemBack() {
        DomainEvent.DropPublished published = new DomainEvent.DropPublished("evt_d_DropPublished_1", AT, "d", "Drop",
                null, AT, AT.plusSeconds(60), 10, List.of("hub"), null, List.of(), List.of("running"));
        String detail = OutboxItems.detail(published);

        assertThat(json.read("DropPublished", detail)).contains(published);
        assertThat(json.read("DropPublished", detail.replace(",\"interests\":[\"running\"]", "")))
                .as("written by a drop deployed before interests").contains(new DomainEvent.DropPublished(
                        "evt_d_DropPublished_1", AT, "d", "Drop", null, AT, AT.plusSeconds(60), 10, List.of("hub"),
                        null, List.of()));
        assertThat(json.read("DropPublished", detail.replace("\"hubIds\":[\"hub\"],", "")))
                .as("another member missing is still refused").isEmpty();
        assertThat(json.read("PickupCollected", "not json")).isEmpty();
    }
}
