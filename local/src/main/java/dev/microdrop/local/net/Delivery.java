package dev.microdrop.local.net;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Hands an accepted payload to its target the way EventBridge and Scheduler do once they have answered the caller:
 * retried with back-off, then dead-lettered, or logged and dropped. The local bus and the local scheduler both
 * deliver through here; only their {@link Policy} differs. Targets are SQS queues, through the given client (point it
 * at ElasticMQ), and Lambda functions, through handlers registered with {@link #onLambda}; a handler that throws is
 * a failed invocation.
 */
public final class Delivery implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Delivery.class);
    private static final int MAX_ERROR_MESSAGE = 1024;

    /**
     * How a delivery is retried and what happens once retries run out.
     *
     * @param maximumRetries after the first attempt
     * @param firstBackoff   the wait before the first retry; it doubles before each next one, up to {@code maximumBackoff}
     * @param maximumAge     no retry once the payload is this old (counted from {@link Parcel#since}); null for no limit
     * @param deadLetter     the SQS queue a payload goes to once retries are exhausted; null to log and drop it
     */
    public record Policy(int maximumRetries, Duration firstBackoff, Duration maximumBackoff, Duration maximumAge,
                         Destination deadLetter) {

        /**
         * The bus: three attempts, 50 and 100 ms apart, then logged and dropped. EventBridge's own policy (retries
         * for up to 24 hours, then the target's dead-letter queue) is not emulated: locally a target that fails three
         * times in a row is a bug to look at, not an outage to ride out.
         */
        public static Policy eventBridge() {
            return new Policy(2, Duration.ofMillis(50), Duration.ofMillis(100), null, null);
        }

        /**
         * A schedule's RetryPolicy and DeadLetterConfig, as Scheduler applies them, but with a short real-time
         * back-off (10 ms doubling to 500 ms) where Scheduler's spans minutes.
         */
        public static Policy scheduler(int maximumRetryAttempts, int maximumEventAgeInSeconds, Destination deadLetter) {
            return new Policy(maximumRetryAttempts, Duration.ofMillis(10), Duration.ofMillis(500),
                    Duration.ofSeconds(maximumEventAgeInSeconds), deadLetter);
        }

        /** The wait before retry number {@code retry} (1 for the first). */
        Duration backoff(int retry) {
            Duration backoff = firstBackoff.multipliedBy(1L << Math.min(retry - 1, 20));
            return backoff.compareTo(maximumBackoff) > 0 ? maximumBackoff : backoff;
        }
    }

    /**
     * One payload for one target.
     *
     * @param id     the event id or the firing's execution id, for logs and the dead letter
     * @param origin what sent it (a rule, a schedule's ARN), for logs and the dead letter
     * @param since  when the payload's age starts (a schedule's due time)
     */
    public record Parcel(String id, String origin, Destination target, String payload, Instant since,
                         Policy policy) {
    }

    public enum Outcome { DELIVERED, DEAD_LETTERED, DROPPED }

    /** How a retry waits; tests pass one that does not. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final SqsClient sqs;
    private final Clock clock;
    private final Sleeper sleeper;
    private final InFlight inFlight = new InFlight();
    private final Map<String, Consumer<String>> functions = new ConcurrentHashMap<>();

    /**
     * @param sqs   the client queues and dead-letter queues are reached through; null if there are none
     * @param clock what a payload's age is measured on (the scheduler's scaled clock)
     */
    public Delivery(SqsClient sqs, Clock clock) {
        this(sqs, clock, duration -> Thread.sleep(duration));
    }

    public Delivery(SqsClient sqs, Clock clock, Sleeper sleeper) {
        this.sqs = sqs;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Delivers payloads for the Lambda function {@code functionName} (any region, account or qualifier). */
    public void onLambda(String functionName, Consumer<String> handler) {
        functions.put(functionName, handler);
    }

    public boolean canDeliverToSqs() {
        return sqs != null;
    }

    /** Delivers on a thread of its own, then calls {@code then}; {@link #awaitIdle} waits for both. */
    public void later(Parcel parcel, Consumer<Outcome> then) {
        if (!inFlight.later(() -> deliver(parcel, then))) {
            log.warn("{}: {} not delivered to {}: shutting down", parcel.origin(), parcel.id(), parcel.target().arn());
        }
    }

    /** Delivers on the calling thread, retries and dead-lettering included, then calls {@code then}. */
    public void now(Parcel parcel, Consumer<Outcome> then) {
        inFlight.now(() -> deliver(parcel, then));
    }

    /** Waits until every delivery started so far has succeeded or given up. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return inFlight.awaitIdle(timeout);
    }

    @Override
    public void close() {
        inFlight.close();
    }

    private void deliver(Parcel parcel, Consumer<Outcome> then) {
        Outcome outcome;
        try {
            outcome = withRetries(parcel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("{}: {} not delivered to {}: shutting down", parcel.origin(), parcel.id(), parcel.target().arn());
            return;
        }
        then.accept(outcome);
    }

    private Outcome withRetries(Parcel parcel) throws InterruptedException {
        Policy policy = parcel.policy();
        for (int retries = 0; ; retries++) {
            try {
                send(parcel.target(), parcel.payload());
                return Outcome.DELIVERED;
            } catch (RuntimeException e) {
                if (retries >= policy.maximumRetries() || tooOld(parcel)) {
                    return giveUp(parcel, retries, e);
                }
            }
            sleeper.sleep(policy.backoff(retries + 1));
        }
    }

    private boolean tooOld(Parcel parcel) {
        Duration maximumAge = parcel.policy().maximumAge();
        return maximumAge != null && parcel.since() != null
                && Duration.between(parcel.since(), clock.instant()).getSeconds() >= maximumAge.getSeconds();
    }

    private void send(Destination target, String payload) {
        switch (target.kind()) {
            case SQS -> sqs.sendMessage(r -> r.queueUrl(queueUrl(target)).messageBody(payload));
            case LAMBDA -> {
                Consumer<String> handler = functions.get(target.name());
                if (handler == null) {
                    throw new IllegalStateException("no local handler registered for function " + target.name()
                            + " (onLambda)");
                }
                handler.accept(payload);
            }
        }
    }

    /**
     * The dead letter is Scheduler's: the payload as its body and, as string attributes, ERROR_CODE, ERROR_MESSAGE,
     * EXECUTION_ID, RETRY_ATTEMPTS, SCHEDULE_ARN (the origin) and TARGET_ARN.
     */
    private Outcome giveUp(Parcel parcel, int retries, RuntimeException e) {
        Destination deadLetter = parcel.policy().deadLetter();
        if (deadLetter == null) {
            log.warn("{}: {} not delivered to {} after {} retries and no dead-letter queue; dropped: {}",
                    parcel.origin(), parcel.id(), parcel.target().arn(), retries, e.toString());
            return Outcome.DROPPED;
        }
        try {
            sqs.sendMessage(r -> r.queueUrl(queueUrl(deadLetter)).messageBody(parcel.payload()).messageAttributes(
                    Map.of("ERROR_CODE", text(e.getClass().getSimpleName()),
                            "ERROR_MESSAGE", text(errorMessage(e)),
                            "EXECUTION_ID", text(parcel.id()),
                            "RETRY_ATTEMPTS", text(Integer.toString(retries)),
                            "SCHEDULE_ARN", text(parcel.origin()),
                            "TARGET_ARN", text(parcel.target().arn()))));
            log.warn("{}: {} not delivered to {} after {} retries; sent to dead-letter queue {}: {}",
                    parcel.origin(), parcel.id(), parcel.target().arn(), retries, deadLetter.arn(), e.toString());
            return Outcome.DEAD_LETTERED;
        } catch (RuntimeException sqsFailure) {
            log.error("{}: {} not delivered to {}, and its dead-letter queue {} refused it too", parcel.origin(),
                    parcel.id(), parcel.target().arn(), deadLetter.arn(), sqsFailure);
            return Outcome.DROPPED;
        }
    }

    private String queueUrl(Destination queue) {
        return sqs.getQueueUrl(r -> r.queueName(queue.name())).queueUrl();
    }

    private static String errorMessage(RuntimeException e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
        return message.length() > MAX_ERROR_MESSAGE ? message.substring(0, MAX_ERROR_MESSAGE) : message;
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
