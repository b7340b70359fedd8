package dev.microdrop.local.eventbridge;

import dev.microdrop.local.net.InFlight;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Hands matched events to their targets off the PutEvents request thread, as EventBridge does: PutEvents answers
 * once the event is accepted, and delivery happens after.
 *
 * <p>A failed delivery is retried a few times with a short backoff and then logged and dropped. EventBridge's own
 * policy (retries with backoff for up to 24 hours, then the target's dead-letter queue) is not emulated: locally a
 * target that fails three times in a row is a bug to look at, not an outage to ride out.
 */
final class TargetDelivery implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TargetDelivery.class);

    private final SqsClient sqs;
    private final int attempts;
    private final Duration firstBackoff;
    private final InFlight deliveries = new InFlight();
    private final Map<String, Consumer<String>> functions = new ConcurrentHashMap<>();

    TargetDelivery(SqsClient sqs, int attempts, Duration firstBackoff) {
        this.sqs = sqs;
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
    }

    void onLambda(String functionName, Consumer<String> handler) {
        functions.put(functionName, handler);
    }

    boolean canDeliverToSqs() {
        return sqs != null;
    }

    void deliver(String eventId, String ruleName, EventBus.Target target, String payload) {
        if (!deliveries.later(() -> deliverWithRetries(eventId, ruleName, target.arn(), payload,
                target.messageGroupId()))) {
            log.warn("event {} (rule {}) not delivered to {}: the local bus is shutting down", eventId, ruleName,
                    target.arn().arn());
        }
    }

    /** Waits until every delivery handed over so far has succeeded or given up. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        return deliveries.awaitIdle(timeout);
    }

    private void deliverWithRetries(String eventId, String ruleName, TargetArn target, String payload,
                                    String messageGroupId) {
        for (int attempt = 1; ; attempt++) {
            try {
                send(eventId, target, payload, messageGroupId);
                return;
            } catch (RuntimeException e) {
                if (attempt == attempts) {
                    log.warn("event {} (rule {}) not delivered to {} after {} attempts; dropped "
                            + "(EventBridge's 24-hour retries and dead-letter queues are not emulated locally): {}",
                            eventId, ruleName, target.arn(), attempts, e.toString());
                    return;
                }
            }
            try {
                Thread.sleep(firstBackoff.multipliedBy(1L << (attempt - 1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("event {} (rule {}) not delivered to {}: the local bus is shutting down", eventId, ruleName,
                        target.arn());
                return;
            }
        }
    }

    private void send(String eventId, TargetArn target, String payload, String messageGroupId) {
        switch (target.kind()) {
            case SQS -> {
                String queueUrl = sqs.getQueueUrl(r -> r.queueName(target.name())).queueUrl();
                SendMessageRequest.Builder message = SendMessageRequest.builder()
                        .queueUrl(queueUrl)
                        .messageBody(payload);
                if (target.name().endsWith(".fifo")) {
                    // EventBridge dedupes FIFO deliveries by event id and needs a group id from the target.
                    message.messageGroupId(messageGroupId).messageDeduplicationId(eventId);
                }
                sqs.sendMessage(message.build());
            }
            case LAMBDA -> {
                Consumer<String> handler = functions.get(target.name());
                if (handler == null) {
                    throw new IllegalStateException("no local handler registered for function " + target.name()
                            + " (LocalEventBridge.onLambda)");
                }
                handler.accept(payload);
            }
        }
    }

    @Override
    public void close() {
        deliveries.close();
    }
}
