package dev.microdrop.waitlistclaims;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.drop.Ids;
import dev.microdrop.core.waitlist.WaitlistClaimsService;
import dev.microdrop.infrastructure.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Units came back (the rule waitlist-units-back: OrderExpired, OrderCancelled, OrderRefunded, WaveReleased,
 * DropResumed): offer them to the SKUs' waitlists, as claims. Offers are idempotent, so a redelivered event offers
 * nothing twice; a failing message is reported on its own (ReportBatchItemFailures) and ends in the dead-letter
 * queue.
 */
public final class WaitlistClaimsHandler implements Function<SQSEvent, SQSBatchResponse> {

    private static final Logger log = LoggerFactory.getLogger(WaitlistClaimsHandler.class);
    private static final ObjectMapper JSON = Json.mapper();

    private final WaitlistClaimsService waitlists;

    public WaitlistClaimsHandler(WaitlistClaimsService waitlists) {
        this.waitlists = waitlists;
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                JsonNode detail = JSON.readTree(message.getBody()).path("detail");
                String dropId = detail.path("dropId").asText(null);
                if (!Ids.isId(dropId)) {
                    throw new IllegalArgumentException("no drop id in the event");
                }
                Set<String> skus = new LinkedHashSet<>();
                detail.path("lines").forEach(l -> skus.add(l.path("sku").asText()));
                detail.path("units").forEach(l -> skus.add(l.path("sku").asText()));
                for (String sku : skus) {
                    if (Ids.isSku(sku)) {
                        int offered = waitlists.offer(dropId, sku, detail.path("eventId").asText(null));
                        if (offered > 0) {
                            log.info("offered {} waitlist claim(s) for {} {}", offered, dropId, sku);
                        }
                    }
                }
            } catch (Exception e) {
                log.warn("waitlist message {} failed: {}", message.getMessageId(), e.getClass().getSimpleName());
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
