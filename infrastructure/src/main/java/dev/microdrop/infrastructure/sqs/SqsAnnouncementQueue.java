package dev.microdrop.infrastructure.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.shop.AnnouncePage;
import dev.microdrop.core.shop.AnnouncementQueue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * A fan-out's pages (a publication's, a restock alert's) on the shop's own queue (the one its events arrive on), ten
 * to a {@code SendMessageBatch}. Each body is an envelope as the events' are, so the consumer tells them apart by
 * {@code source}:
 *
 * <pre>
 * {"source": "microdrop.shop", "detail-type": "AnnouncePage",
 *  "detail": {"dropId": "...", "publicationId": "evt_...", "after": "b_...", "until": "b_...",
 *             "restock": {"sku": "...", "soldOutId": "evt_..."}}}
 * </pre>
 *
 * ({@code after} and {@code until} left out when open; {@code restock} only on a restock alert's page, so a page
 * written before alerts were paged, without it, reads as the publication's page it was). The page's identity ({@link AnnouncePage#id()}) rides along as
 * the message attribute {@code microdrop-page}, for the logs. A standard queue has no deduplication: a page may
 * arrive twice, which the consumer's handling makes harmless. A batch entry SQS refused fails the whole call, so the
 * publication comes back and is split again into the same pages.
 */
public final class SqsAnnouncementQueue implements AnnouncementQueue {

    public static final String SOURCE = "microdrop.shop";
    public static final String DETAIL_TYPE = "AnnouncePage";
    static final int BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final ObjectMapper mapper;

    public SqsAnnouncementQueue(SqsClient sqs, String queueUrl, ObjectMapper mapper) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.mapper = mapper;
    }

    @Override
    public void enqueue(List<AnnouncePage> pages) {
        if (queueUrl == null || queueUrl.isBlank()) {
            throw new IllegalStateException("set MICRODROP_SHOP_EVENTS_QUEUE_URL (property "
                    + "microdrop.shop.events-queue-url): a publication's pages go to the shop's own queue");
        }
        for (int from = 0; from < pages.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<AnnouncePage> batch = pages.subList(from, Math.min(pages.size(), from + BATCH));
            for (int i = 0; i < batch.size(); i++) {
                AnnouncePage page = batch.get(i);
                entries.add(SendMessageBatchRequestEntry.builder().id("p" + i).messageBody(body(page))
                        .messageAttributes(Map.of("microdrop-page", MessageAttributeValue.builder()
                                .dataType("String").stringValue(page.id()).build()))
                        .build());
            }
            SendMessageBatchResponse sent = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            if (sent.hasFailed() && !sent.failed().isEmpty()) {
                throw new IllegalStateException(sent.failed().size() + " of " + entries.size()
                        + " pages were refused by the queue (" + sent.failed().getFirst().code() + ")");
            }
        }
    }

    /** The page's message body. */
    public String body(AnnouncePage page) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("dropId", page.dropId());
        detail.put("publicationId", page.publicationId());
        if (page.after() != null) {
            detail.put("after", page.after().value());
        }
        if (page.until() != null) {
            detail.put("until", page.until().value());
        }
        if (page.restock() != null) {
            Map<String, Object> restock = new LinkedHashMap<>();
            restock.put("sku", page.restock().sku());
            restock.put("soldOutId", page.restock().soldOutId());
            detail.put("restock", restock);
        }
        try {
            return mapper.writeValueAsString(Map.of("source", SOURCE, "detail-type", DETAIL_TYPE, "detail", detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a page's body could not be written", e);
        }
    }

    /** The page a message's {@code detail} names; empty when it is not one (no retry can fix that). */
    public static Optional<AnnouncePage> read(JsonNode detail) {
        if (detail == null || !detail.isObject() || !detail.path("dropId").isTextual()
                || !detail.path("publicationId").isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AnnouncePage(detail.get("dropId").textValue(), detail.get("publicationId").textValue(),
                    buyer(detail.get("after")), buyer(detail.get("until")), restock(detail.get("restock"))));
        } catch (IllegalArgumentException notAPage) {
            return Optional.empty();
        }
    }

    /** A restock alert's episode; null when absent (a publication's page), refused when not one. */
    private static AnnouncePage.Restock restock(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject() || !value.path("sku").isTextual() || !value.path("soldOutId").isTextual()) {
            throw new IllegalArgumentException("not a restock episode");
        }
        return new AnnouncePage.Restock(value.get("sku").textValue(), value.get("soldOutId").textValue());
    }

    private static BuyerId buyer(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("not a buyer id");
        }
        return new BuyerId(value.textValue());
    }
}
