package dev.microdrop.payments;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.lifecycle.OrderLifecycle;
import dev.microdrop.infrastructure.json.Json;
import dev.microdrop.infrastructure.outbox.HoldExpiryQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the hold-expiry queue (delayed SQS messages, one per held order). A message that arrives before its
 * hold ends (holds longer than SQS's 15-minute delay) is sent on again; otherwise the hold is released, once,
 * by a conditional write. Malformed messages and failures are reported per message (ReportBatchItemFailures on
 * the event source mapping), so they are retried and end in the dead-letter queue.
 */
public final class HoldExpiryHandler implements Function<SQSEvent, SQSBatchResponse> {

    private static final Logger log = LoggerFactory.getLogger(HoldExpiryHandler.class);
    private static final ObjectMapper JSON = Json.mapper();

    private final OrderLifecycle lifecycle;
    private final HoldExpiryQueue queue;
    private final Clock clock;

    public HoldExpiryHandler(OrderLifecycle lifecycle, HoldExpiryQueue queue, Clock clock) {
        this.lifecycle = lifecycle;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                JsonNode body = JSON.readTree(message.getBody());
                String orderId = body.get("orderId").asText();
                Instant expiresAt = Instant.parse(body.get("holdExpiresAt").asText());
                if (expiresAt.isAfter(clock.instant())) {
                    queue.schedule(orderId, expiresAt);
                } else {
                    log.info("hold of {}: {}", orderId, lifecycle.expire(orderId));
                }
            } catch (Exception e) {
                log.warn("expiry message {} failed: {}", message.getMessageId(), e.toString());
                failures.add(SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
