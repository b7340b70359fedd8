package dev.microdrop.core.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.events.DomainEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link ShopRecords} promises (in memory, and on DynamoDB Local): events kept once
 * per id and read back equal, whatever their type; a SKU's stock events apart; a buyer told once per drop; a survey
 * answered once.
 */
public abstract class ShopRecordsContract {

    protected static final Instant AT = Instant.parse("2026-12-02T18:00:00Z");
    private static final String BUYER = "b_3f2a9c1d7e5b4a60918c2d3e4f5a6b7c";
    private static final String ORDER = "ord_01M8HN0VJM7Q2XW4K9DZB3N6PR";

    protected abstract ShopRecords records();

    @Test
    void anEventIsKeptOncePerId_andReadBackEqual() {
        ShopRecords records = records();
        List<DomainEvent> events = List.of(
                new DomainEvent.DropPublished("evt_d1_DropPublished_1", AT, "d1", "Neon Runners",
                        AT.plusSeconds(60), AT.plusSeconds(3600), AT.plusSeconds(86_400), 300, List.of("kreuzberg"),
                        null),
                new DomainEvent.OrderPaid("evt_" + ORDER + "_OrderPaid", AT.plusSeconds(4000), "d1", ORDER, BUYER,
                        List.of(new DomainEvent.Line("NR-42", 2)), 27_600, "EUR", "pickup", false),
                new DomainEvent.PickupReady("evt_" + ORDER + "_PickupReady", AT.plusSeconds(5000), "d1", ORDER, BUYER,
                        "kreuzberg", null),
                new DomainEvent.OrderShipped("evt_ord_2_OrderShipped", AT.plusSeconds(6000), "d1", "ord_2", BUYER,
                        "DHL"));
        events.forEach(records::append);
        events.forEach(records::append);

        assertThat(records.events()).containsExactlyInAnyOrderElementsOf(events);
        assertThat(records.publications()).as("the publications, apart").containsExactly(
                (DomainEvent.DropPublished) events.getFirst());
    }

    @Test
    void aSkusStockEvents_areItsSoldOutsAndBacksInStock_eachOnce() {
        ShopRecords records = records();
        DomainEvent.SoldOut soldOut = new DomainEvent.SoldOut("evt_soldout_d1_NR-42_1", AT, "d1", "NR-42");
        DomainEvent.BackInStock back = new DomainEvent.BackInStock("evt_backinstock_d1_NR-42_10_1_8",
                AT.plusSeconds(60), "d1", "NR-42", "Neon Runner", "EU 42", 1);
        List<DomainEvent> events = List.of(soldOut, back,
                new DomainEvent.SoldOut("evt_soldout_d1_NR-43_2", AT, "d1", "NR-43"),
                new DomainEvent.SoldOut("evt_soldout_d2_NR-42_3", AT, "d2", "NR-42"),
                new DomainEvent.StockLow("evt_stocklow_d1_NR-42_4", AT, "d1", "NR-42", 1, 1));
        events.forEach(records::append);
        events.forEach(records::append);

        assertThat(records.stockEvents("d1", "NR-42")).containsExactlyInAnyOrder(soldOut, back);
        assertThat(records.stockEvents("d1", "NR-44")).isEmpty();
        assertThat(records.events()).containsExactlyInAnyOrderElementsOf(events);
    }

    @Test
    void aPublicationsSplit_isRecorded_andReadBack() {
        ShopRecords records = records();
        DomainEvent.DropPublished published = new DomainEvent.DropPublished("evt_d1_DropPublished_1", AT, "d1",
                "Neon Runners", null, AT.plusSeconds(3600), AT.plusSeconds(86_400), 300, List.of(), null);
        records.append(published);
        assertThat(records.split(published.eventId())).isEmpty();

        records.split(published.eventId(), 7);

        assertThat(records.split(published.eventId())).hasValue(7);
        assertThat(records.split("evt_d2_DropPublished_1")).isEmpty();
        assertThat(records.publications()).as("the publication reads as before").containsExactly(published);
    }

    @Test
    void aRestockEpisodesSplit_isRecordedApart_andLeavesThePublicationsAndTheEventsAsTheyWere() {
        ShopRecords records = records();
        DomainEvent.DropPublished published = new DomainEvent.DropPublished("evt_d1_DropPublished_1", AT, "d1",
                "Neon Runners", null, AT.plusSeconds(3600), AT.plusSeconds(86_400), 300, List.of(), null);
        DomainEvent.SoldOut soldOut = new DomainEvent.SoldOut("evt_soldout_d1_NR-42_1", AT, "d1", "NR-42");
        records.append(published);
        records.append(soldOut);
        String episode = new AnnouncePage.Restock("NR-42", soldOut.eventId()).id("d1");
        assertThat(records.split(episode)).isEmpty();

        records.split(episode, 3);
        records.split(episode, 3);
        records.split(published.eventId(), 7);

        assertThat(records.split(episode)).hasValue(3);
        assertThat(records.split(published.eventId())).hasValue(7);
        assertThat(records.split(new AnnouncePage.Restock("NR-42", "evt_soldout_d1_NR-42_2").id("d1")))
                .as("another episode").isEmpty();
        assertThat(records.publications()).as("no record of a fan-out reads as a publication")
                .containsExactly(published);
        assertThat(records.events()).containsExactlyInAnyOrder(published, soldOut);
        assertThat(records.stockEvents("d1", "NR-42")).containsExactly(soldOut);
    }

    @Test
    void aBuyerIsToldOncePerDrop_theFirstTimeStays() {
        ShopRecords records = records();
        records.notified(new Notified(new BuyerId(BUYER), "d1", AT));
        records.notified(new Notified(new BuyerId(BUYER), "d1", AT.plusSeconds(60)));
        records.notified(new Notified(new BuyerId(BUYER), "d2", AT.plusSeconds(60)));

        assertThat(records.notified()).containsExactlyInAnyOrder(new Notified(new BuyerId(BUYER), "d1", AT),
                new Notified(new BuyerId(BUYER), "d2", AT.plusSeconds(60)));
    }

    @Test
    void aSurveyIsAnsweredOnce_theSecondAnswerIsToldTheFirst() {
        ShopRecords records = records();
        SurveyAnswer first = new SurveyAnswer("d1", new BuyerId(BUYER), 9, AT);

        assertThat(records.answer(first)).isEmpty();
        assertThat(records.answer(new SurveyAnswer("d1", new BuyerId(BUYER), 2, AT.plusSeconds(5)))).contains(first);
        assertThat(records.surveys()).containsExactly(first);
    }
}
