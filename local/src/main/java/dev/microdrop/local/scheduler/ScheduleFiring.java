package dev.microdrop.local.scheduler;

import dev.microdrop.local.net.InFlight;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Invokes a due schedule's target, with the schedule's own retry policy: up to {@code MaximumRetryAttempts} retries
 * after the first attempt, none once the firing is older than {@code MaximumEventAgeInSeconds} on the scaled clock,
 * then the dead-letter queue if the target names one. Backoff is short and real-time (it starts at
 * {@code firstBackoff} and doubles up to {@code maxBackoff}); Scheduler's own backoff spans minutes.
 *
 * <p>The dead-letter message carries the schedule's Input as its body and, as string attributes, ERROR_CODE,
 * ERROR_MESSAGE, EXECUTION_ID, RETRY_ATTEMPTS, SCHEDULE_ARN and TARGET_ARN.
 */
final class ScheduleFiring implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScheduleFiring.class);
    private static final int MAX_ERROR_MESSAGE = 1024;

    private final SqsClient sqs;
    private final ScaledClock clock;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Consumer<Schedule> afterCompletion;
    private final InFlight firings = new InFlight();
    private final Map<String, Consumer<String>> functions = new ConcurrentHashMap<>();

    /** @param afterCompletion called once a firing has succeeded or given up (ActionAfterCompletion lives there) */
    ScheduleFiring(SqsClient sqs, ScaledClock clock, Duration firstBackoff, Duration maxBackoff,
                   Consumer<Schedule> afterCompletion) {
        this.sqs = sqs;
        this.clock = clock;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.afterCompletion = afterCompletion;
    }

    void onLambda(String functionName, Consumer<String> consumer) {
        functions.put(functionName, consumer);
    }

    boolean canDeliverToSqs() {
        return sqs != null;
    }

    /** Fires on a thread of its own; {@link #awaitIdle} waits for it. */
    void fireLater(Schedule schedule) {
        if (!firings.later(() -> fire(schedule))) {
            log.warn("schedule {} not fired: the local scheduler is shutting down", schedule.arn());
        }
    }

    /** Fires on the calling thread, retries and dead-lettering included. */
    void fireNow(Schedule schedule) {
        firings.now(() -> fire(schedule));
    }

    /** Waits until every firing started so far has succeeded or given up. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        return firings.awaitIdle(timeout);
    }

    private void fire(Schedule schedule) {
        ScheduleTarget target = schedule.target();
        String executionId = UUID.randomUUID().toString();
        // Scheduler documents no payload for a target without Input; locally it gets an empty object.
        String payload = target.input() == null ? "{}" : target.input();
        try {
            int retries = 0;
            while (true) {
                try {
                    invoke(target.destination(), payload, target.messageGroupId(), executionId);
                    log.info("schedule {} fired to {} (execution {}, {} retries)", schedule.arn(),
                            target.destination().arn(), executionId, retries);
                    return;
                } catch (RuntimeException e) {
                    if (retries >= target.maximumRetryAttempts() || tooOld(schedule)) {
                        deadLetter(schedule, payload, executionId, retries, e);
                        return;
                    }
                }
                retries++;
                Thread.sleep(backoff(retries));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("schedule {} not fired (execution {}): the local scheduler is shutting down", schedule.arn(),
                    executionId);
        } finally {
            afterCompletion.accept(schedule);
        }
    }

    private boolean tooOld(Schedule schedule) {
        Instant now = clock.instant();
        return Duration.between(schedule.due(), now).getSeconds() >= schedule.target().maximumEventAgeInSeconds();
    }

    private Duration backoff(int retry) {
        Duration backoff = firstBackoff.multipliedBy(1L << Math.min(retry - 1, 20));
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }

    private void invoke(Destination destination, String payload, String messageGroupId, String executionId) {
        switch (destination.kind()) {
            case SQS -> {
                SendMessageRequest.Builder message = SendMessageRequest.builder()
                        .queueUrl(queueUrl(destination))
                        .messageBody(payload);
                if (destination.fifo()) {
                    message.messageGroupId(messageGroupId).messageDeduplicationId(executionId);
                }
                sqs.sendMessage(message.build());
            }
            case LAMBDA -> {
                Consumer<String> consumer = functions.get(destination.name());
                if (consumer == null) {
                    throw new IllegalStateException("no local consumer registered for function "
                            + destination.name() + " (LocalScheduler.onLambda)");
                }
                consumer.accept(payload);
            }
        }
    }

    private void deadLetter(Schedule schedule, String payload, String executionId, int retries, RuntimeException e) {
        Destination deadLetter = schedule.target().deadLetter();
        if (deadLetter == null) {
            log.warn("schedule {} failed to invoke {} after {} retries (execution {}) and has no dead-letter queue; "
                    + "dropped: {}", schedule.arn(), schedule.target().destination().arn(), retries, executionId,
                    e.toString());
            return;
        }
        try {
            sqs.sendMessage(r -> r.queueUrl(queueUrl(deadLetter)).messageBody(payload).messageAttributes(Map.of(
                    "ERROR_CODE", text(e.getClass().getSimpleName()),
                    "ERROR_MESSAGE", text(errorMessage(e)),
                    "EXECUTION_ID", text(executionId),
                    "RETRY_ATTEMPTS", text(Integer.toString(retries)),
                    "SCHEDULE_ARN", text(schedule.arn()),
                    "TARGET_ARN", text(schedule.target().destination().arn()))));
            log.warn("schedule {} failed to invoke {} after {} retries (execution {}); sent to dead-letter queue "
                    + "{}: {}",
                    schedule.arn(), schedule.target().destination().arn(), retries, executionId, deadLetter.arn(),
                    e.toString());
        } catch (RuntimeException sqsFailure) {
            log.error("schedule {} failed to invoke {} (execution {}), and its dead-letter queue {} refused it too",
                    schedule.arn(), schedule.target().destination().arn(), executionId, deadLetter.arn(),
                    sqsFailure);
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

    @Override
    public void close() {
        firings.close();
    }
}
