package dev.microdrop.infrastructure.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Schedules hold expiry as a delayed SQS message (delay up to SQS's 15 minutes). The consumer releases the hold
 * when the message arrives, or sends it on again if the hold is longer than 15 minutes. Delivery is
 * at-least-once and the release is conditional on the order still being held, so duplicates change nothing.
 * See docs/order-lifecycle.md for why this mechanism.
 */
public final class SqsHoldExpiryQueue implements HoldExpiryQueue {

    /** SQS's maximum message delay. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private final SqsClient sqs;
    private final String queueUrl;
    private final Clock clock;
    private final double timeScale;

    public SqsHoldExpiryQueue(SqsClient sqs, String queueUrl, Clock clock) {
        this(sqs, queueUrl, clock, 1);
    }

    /**
     * @param timeScale how much faster {@code clock} runs than real time (the local runtime's --time-scale); SQS
     *                  delays are real seconds, so the hold's remaining time is divided by it
     */
    public SqsHoldExpiryQueue(SqsClient sqs, String queueUrl, Clock clock, double timeScale) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.clock = clock;
        this.timeScale = timeScale;
    }

    @Override
    public void schedule(String orderId, Instant holdExpiresAt) {
        sqs.sendMessage(r -> r.queueUrl(queueUrl)
                .messageBody(body(orderId, holdExpiresAt))
                .delaySeconds(delaySeconds(holdExpiresAt, clock.instant(), timeScale)));
    }

    /**
     * Real seconds until the hold ends (plus one, so the message never arrives early), capped at SQS's maximum.
     * A message that still arrives early is sent on again by the consumer.
     */
    public static int delaySeconds(Instant holdExpiresAt, Instant now, double timeScale) {
        long seconds = (long) Math.ceil(Duration.between(now, holdExpiresAt).toMillis() / 1000.0 / timeScale) + 1;
        return (int) Math.max(0, Math.min(MAX_DELAY.toSeconds(), seconds));
    }

    public static String body(String orderId, Instant holdExpiresAt) {
        return "{\"orderId\":\"" + orderId + "\",\"holdExpiresAt\":\"" + holdExpiresAt + "\"}";
    }
}
