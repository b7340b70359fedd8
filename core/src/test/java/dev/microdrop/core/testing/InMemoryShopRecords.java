package dev.microdrop.core.testing;

import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.shop.Notified;
import dev.microdrop.core.shop.ShopRecords;
import dev.microdrop.core.shop.SurveyAnswer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The shop's records in memory, as {@code DynamoDbShopRecords} keeps them ({@code ShopRecordsContract}). */
public final class InMemoryShopRecords implements ShopRecords {

    private final Map<String, DomainEvent> events = new LinkedHashMap<>();
    private final Map<String, Notified> notified = new LinkedHashMap<>();
    private final Map<String, SurveyAnswer> surveys = new LinkedHashMap<>();
    private final Map<String, Integer> splits = new LinkedHashMap<>();

    @Override
    public synchronized void append(DomainEvent event) {
        events.putIfAbsent(event.eventId(), event);
    }

    @Override
    public synchronized List<DomainEvent> events() {
        return new ArrayList<>(events.values());
    }

    @Override
    public synchronized void split(String publicationId, int pages) {
        splits.put(publicationId, pages);
    }

    @Override
    public synchronized java.util.OptionalInt split(String publicationId) {
        Integer pages = splits.get(publicationId);
        return pages == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(pages);
    }

    @Override
    public synchronized void notified(Notified told) {
        notified.putIfAbsent(told.dropId() + "|" + told.buyerId().value(), told);
    }

    @Override
    public synchronized List<Notified> notified() {
        return new ArrayList<>(notified.values());
    }

    @Override
    public synchronized Optional<SurveyAnswer> answer(SurveyAnswer answer) {
        return Optional.ofNullable(surveys.putIfAbsent(answer.dropId() + "|" + answer.buyerId().value(), answer));
    }

    @Override
    public synchronized List<SurveyAnswer> surveys() {
        return new ArrayList<>(surveys.values());
    }
}
