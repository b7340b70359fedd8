package dev.microdrop.fulfilment;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.fulfilment.FulfilmentOutcome;
import dev.microdrop.core.fulfilment.FulfilmentUseCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fulfilment queue's consumer: one OrderPaid envelope per SQS message, one use-case call per message, and a
 * partial batch response naming every message that must come back.
 *
 * <p>The event source mapping must set {@code FunctionResponseTypes: [ReportBatchItemFailures]}. Without it
 * Lambda ignores this response: a batch that returns normally is deleted whole, failures included, and they
 * are lost instead of retried and dead-lettered.
 *
 * <p>A message fails, and is retried until the queue's redrive policy moves it to the DLQ, when it is poison
 * (not an OrderPaid envelope with an order id), when its order does not exist, or when anything throws. The
 * others succeed, including an order refunded or cancelled since it was paid: that is a decision, not an
 * error. Messages are independent (a standard queue, ordered by nothing), so one failure never stops the
 * rest of the batch.
 *
 * <p>Logs name the message id and a fixed reason, never the body: bodies are not ours to print, and a parser's
 * error message quotes them.
 */
public final class FulfilmentHandler implements Function<SQSEvent, SQSBatchResponse> {

    private static final Logger log = LoggerFactory.getLogger(FulfilmentHandler.class);

    private final FulfilmentUseCase fulfilment;
    private final ObjectMapper mapper;

    public FulfilmentHandler(FulfilmentUseCase fulfilment, ObjectMapper mapper) {
        this.fulfilment = fulfilment;
        this.mapper = mapper;
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            return new SQSBatchResponse(failures);
        }
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            handle(message).ifPresent(failure -> {
                if (failure.cause() == null) {
                    log.warn("fulfilment message {} failed, will be retried: {}", message.getMessageId(),
                            failure.reason());
                } else {
                    // The stack trace is ours: SDK and domain messages carry ids, never personal data.
                    log.error("fulfilment message {} failed, will be retried: {}", message.getMessageId(),
                            failure.reason(), failure.cause());
                }
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            });
        }
        return new SQSBatchResponse(failures);
    }

    /** Why a message must come back; {@code cause} only for the unexpected. */
    private record Failure(String reason, RuntimeException cause) {

        Failure(String reason) {
            this(reason, null);
        }
    }

    /** Empty when the message is done with. */
    private Optional<Failure> handle(SQSEvent.SQSMessage message) {
        return switch (OrderPaidEnvelope.parse(mapper, message.getBody())) {
            case OrderPaidEnvelope.Poison poison -> Optional.of(new Failure(poison.reason()));
            case OrderPaidEnvelope.OrderPaid paid -> fulfil(message.getMessageId(), paid.orderId());
        };
    }

    private Optional<Failure> fulfil(String messageId, String orderId) {
        FulfilmentOutcome outcome;
        try {
            outcome = fulfilment.fulfil(orderId);
        } catch (RuntimeException e) {
            // Throttling, a timeout, an order in an impossible state: the retry and the DLQ deal with it.
            return Optional.of(new Failure("unexpected " + e.getClass().getSimpleName() + " for order " + orderId, e));
        }
        return switch (outcome) {
            case FulfilmentOutcome.Created created -> {
                log.info("message {}: order {} -> {}", messageId, orderId, created.task().getClass().getSimpleName());
                yield Optional.empty();
            }
            case FulfilmentOutcome.AlreadyDone ignored -> {
                log.info("message {}: order {} already has its fulfilment task", messageId, orderId);
                yield Optional.empty();
            }
            case FulfilmentOutcome.NotPaid notPaid -> {
                log.info("message {}: order {} is {} now; nothing to fulfil", messageId, orderId, notPaid.status());
                yield Optional.empty();
            }
            case FulfilmentOutcome.OrderNotFound ignored -> Optional.of(new Failure("order " + orderId + " not found"));
        };
    }
}
