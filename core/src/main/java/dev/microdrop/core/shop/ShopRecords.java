package dev.microdrop.core.shop;

import dev.microdrop.core.events.DomainEvent;
import java.util.List;
import java.util.Optional;

/**
 * Port out: what the shop keeps of its drops, for its KPIs and its loyalty rules. The drops' events as they came
 * (ids only, no personal data; {@link ShopHistories} folds them into a {@link ShopHistory}), who was told about which
 * drop, and the survey's answers. Every write is idempotent: a redelivered event or a second answer changes nothing.
 */
public interface ShopRecords {

    /** Keeps {@code event}, once per {@code eventId}; the same event again changes nothing. */
    void append(DomainEvent event);

    /** Every event kept, in no particular order. */
    List<DomainEvent> events();

    /**
     * The {@code DropPublished} events kept, in no particular order: what a purchase asks first (is a drop's early
     * window coming?), so an adapter should answer it without reading every event.
     */
    default List<DomainEvent.DropPublished> publications() {
        return events().stream().filter(DomainEvent.DropPublished.class::isInstance)
                .map(DomainEvent.DropPublished.class::cast).toList();
    }

    /**
     * The {@code SoldOut} and {@code BackInStock} events kept of one SKU, in no particular order: what a restock
     * alert is decided from.
     */
    default List<DomainEvent> stockEvents(String dropId, String sku) {
        return events().stream().filter(e -> e.dropId().equals(dropId)).filter(e -> switch (e) {
            case DomainEvent.SoldOut soldOut -> soldOut.sku().equals(sku);
            case DomainEvent.BackInStock back -> back.sku().equals(sku);
            default -> false;
        }).toList();
    }

    /**
     * Records that the fan-out {@code fanOutId} ({@link AnnouncePage#fanOutId()}: a publication's event id, or a
     * restock episode's {@code restock/<dropId>/<sku>/<soldOutId>}) was split into {@code pages} pages, all of them
     * queued ({@link AnnouncementPages}, {@link RestockAlerts}): a redelivered publication, or another back-in-stock
     * of the same episode, finds it and queues nothing again. Recorded apart from the events: the id need not name
     * an event kept.
     */
    void split(String fanOutId, int pages);

    /** The pages the fan-out was split into, once recorded. */
    java.util.OptionalInt split(String fanOutId);

    /** Records that the buyer was told about the drop; once per buyer and drop (the first time stays). */
    void notified(Notified notified);

    List<Notified> notified();

    /**
     * Stores {@code answer} unless the buyer already answered for its drop: then nothing changes and the stored answer
     * comes back. Empty when {@code answer} was stored.
     */
    Optional<SurveyAnswer> answer(SurveyAnswer answer);

    List<SurveyAnswer> surveys();
}
