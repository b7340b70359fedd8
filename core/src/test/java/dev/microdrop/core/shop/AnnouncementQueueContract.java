package dev.microdrop.core.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AnnouncementQueue} promises: every page queued arrives as the same page (its cursors, its
 * publication, its restock episode), however many a publication has. Run in memory and on ElasticMQ ({@code SqsAnnouncementQueue}).
 */
public abstract class AnnouncementQueueContract {

    protected abstract AnnouncementQueue queue();

    /** Every page waiting on the queue, taken off it. */
    protected abstract List<AnnouncePage> received();

    @Test
    void everyPageQueued_arrivesOnce_asTheSamePage_beyondOneBatch() {
        List<AnnouncePage> pages = new ArrayList<>();
        BuyerId after = null;
        for (int i = 1; i <= 23; i++) {
            BuyerId until = i == 23 ? null : new BuyerId("b_" + String.format("%032x", i));
            pages.add(new AnnouncePage("d2", "evt_d2_DropPublished_1", after, until));
            after = until;
        }

        queue().enqueue(pages);

        assertThat(received()).containsExactlyInAnyOrderElementsOf(pages);
    }

    @Test
    void aRestockAlertsPages_arriveAsTheSamePages_episodeIncluded() {
        AnnouncePage.Restock restock = new AnnouncePage.Restock("NR-42", "evt_soldout_d2_NR-42_7");
        List<AnnouncePage> pages = List.of(
                new AnnouncePage("d2", "evt_d2_DropPublished_1", null, new BuyerId("b_" + "0".repeat(31) + "9"),
                        restock),
                new AnnouncePage("d2", "evt_d2_DropPublished_1", new BuyerId("b_" + "0".repeat(31) + "9"), null,
                        restock));

        queue().enqueue(pages);

        assertThat(received()).containsExactlyInAnyOrderElementsOf(pages);
        assertThat(pages.getFirst().id()).isEqualTo("restock/d2/NR-42/evt_soldout_d2_NR-42_7/first");
    }

    @Test
    void noPages_queueNothing() {
        queue().enqueue(List.of());

        assertThat(received()).isEmpty();
    }
}
