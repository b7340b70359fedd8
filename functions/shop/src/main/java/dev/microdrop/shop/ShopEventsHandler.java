package dev.microdrop.shop;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.notification.Suppressions;
import dev.microdrop.core.shop.AnnouncePage;
import dev.microdrop.core.shop.LoyaltyPasses;
import dev.microdrop.core.shop.ShopEvents;
import dev.microdrop.function.sqs.SqsBatches;
import dev.microdrop.infrastructure.json.DomainEventJson;
import dev.microdrop.infrastructure.sqs.SqsAnnouncementQueue;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop's queue consumer ({@code shopEvents}): envelopes of three kinds, one use-case call each, and a partial
 * batch response naming every message that must come back ({@code ReportBatchItemFailures}).
 *
 * <ul>
 *   <li>{@code source} {@code microdrop}: a drop's domain event, forwarded from the drop's bus: {@link ShopEvents}
 *       keeps it and, for a {@code DropPublished}, queues the pages of its audience (on this same queue), for an
 *       {@code OrderPaid} mails a pass the purchase earned, for a {@code SoldOut} or {@code BackInStock} queues the
 *       pages of the restock alert an episode is due, once. Throttled or in flight: it comes back.</li>
 *   <li>{@code source} {@code microdrop.shop}, {@code detail-type} {@code AnnouncePage}: one page of a publication's
 *       audience ({@link SqsAnnouncementQueue}): its loyalty passes, then its "opens soon"; or, naming a restock
 *       episode, its restock alerts. Throttled or in flight: it comes back, and goes on where it stopped.</li>
 *   <li>{@code source} {@code aws.ses}: the mail service's word on a mail of ours ({@link SesFeedback}): a permanent
 *       bounce or a complaint suppresses the address; anything else is read and dropped.</li>
 * </ul>
 *
 * A message that no retry can fix (not JSON, not an envelope, an event this code does not know) comes back too, so
 * the queue's redrive policy parks it in the dead-letter queue after its last receive, where someone looks. Logs name
 * the message, the event's id and the outcome; never an address.
 */
public final class ShopEventsHandler implements Function<SQSEvent, SQSBatchResponse> {

    private static final Logger log = LoggerFactory.getLogger(ShopEventsHandler.class);

    private final ShopEvents shop;
    private final Suppressions suppressions;
    private final ObjectMapper mapper;
    private final DomainEventJson events;

    public ShopEventsHandler(ShopEvents shop, Suppressions suppressions, ObjectMapper mapper) {
        this.shop = shop;
        this.suppressions = suppressions;
        this.mapper = mapper;
        this.events = new DomainEventJson(mapper);
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        return SqsBatches.each(event, log, "shop", message -> handle(message.getBody()));
    }

    /** Empty when the message is done with; else why it must come back. */
    private Optional<String> handle(String body) {
        JsonNode envelope;
        try {
            envelope = body == null ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return Optional.of("poison: the body is not a single valid JSON document");
        }
        if (envelope == null || !envelope.isObject()) {
            return Optional.of("poison: the body is not an event envelope");
        }
        String source = String.valueOf(envelope.path("source").textValue());
        String detailType = String.valueOf(envelope.path("detail-type").textValue());
        if (source.equals("aws.ses")) {
            return feedback(envelope.path("detail"));
        }
        if (source.equals(SqsAnnouncementQueue.SOURCE) && detailType.equals(SqsAnnouncementQueue.DETAIL_TYPE)) {
            return page(envelope.get("detail"));
        }
        if (!source.equals("microdrop")) {
            return Optional.of("poison: an event of source " + source.replaceAll("[^A-Za-z0-9._-]", "?"));
        }
        Optional<DomainEvent> read = events.read(detailType, envelope.get("detail"));
        if (read.isEmpty()) {
            return Optional.of("poison: detail-type " + detailType.replaceAll("[^A-Za-z0-9]", "?")
                    + " with a detail that is not that event");
        }
        DomainEvent domainEvent = read.get();
        return outcome(domainEvent.eventId(), shop.on(domainEvent));
    }

    /**
     * A page of an audience, queued by a publication's own delivery ({@code AnnouncementPages}) or a stock event's
     * ({@code RestockAlerts}).
     */
    private Optional<String> page(JsonNode detail) {
        Optional<AnnouncePage> page = SqsAnnouncementQueue.read(detail);
        if (page.isEmpty()) {
            return Optional.of("poison: an AnnouncePage whose detail is not a page");
        }
        return outcome("page " + page.get().id(), shop.on(page.get()));
    }

    private Optional<String> outcome(String what, ShopEvents.Outcome outcome) {
        return switch (outcome) {
            case ShopEvents.Kept ignored -> Optional.empty();
            case ShopEvents.Paged paged -> {
                log.info("{}: {} page(s) of the audience queued", what, paged.pages());
                yield Optional.empty();
            }
            case ShopEvents.Passes passes -> told(what, "loyalty passes", passes.passes());
            case ShopEvents.Alerted alerted -> told(what, "restock alert", alerted.alerts());
            case ShopEvents.Announced announced -> told(what, "loyalty passes", announced.passes())
                    .or(() -> told(what, "announcement", announced.announcement()));
            case ShopEvents.Rescheduled rescheduled -> told(what, "new times", rescheduled.newTimes())
                    .or(() -> outcome(what, rescheduled.then()));
        };
    }

    private Optional<String> told(String of, String what, LoyaltyPasses.Outcome outcome) {
        return switch (outcome) {
            case LoyaltyPasses.Told told -> {
                log.info("{}: {} {}", of, what, told);
                yield Optional.empty();
            }
            case LoyaltyPasses.NoEarlyWindow ignored -> Optional.empty();
            case LoyaltyPasses.Throttled throttled -> Optional.of("over the send rate after " + throttled.mailedSoFar()
                    + " mails of the " + what + " of " + of);
            case LoyaltyPasses.InFlight inFlight ->
                    Optional.of("a mail of the " + what + " of " + of + " is being sent by another delivery");
        };
    }

    private Optional<String> feedback(JsonNode detail) {
        SesFeedback feedback = SesFeedback.read(detail);
        feedback.suppress().forEach(address -> suppressions.suppress(address, feedback.reason()));
        log.info("mail service feedback: {} ({} address(es) suppressed)", feedback.reason(), feedback.suppress().size());
        return Optional.empty();
    }
}
