package dev.microdrop.function.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * One SQS batch, message by message, into a partial batch response ({@code ReportBatchItemFailures} on the event
 * source mapping): a message comes back when its handling says why (empty: done with) or throws. What the queue
 * consumers share; each logs with its own logger and names what it consumes. Logs name the message and the reason,
 * never the body (which may be anything, even personal data).
 */
public final class SqsBatches {

    private SqsBatches() {
    }

    public static SQSBatchResponse each(SQSEvent event, Logger log, String what,
            Function<SQSEvent.SQSMessage, Optional<String>> handle) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            return new SQSBatchResponse(failures);
        }
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            Optional<String> failure;
            try {
                failure = handle.apply(message);
            } catch (RuntimeException e) {
                // The class and where it was thrown, never the message: a mail service's text may quote an address.
                StackTraceElement at = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
                log.error("{} message {} failed, will be retried: unexpected {} at {}", what, message.getMessageId(),
                        e.getClass().getName(), at);
                failure = Optional.of("unexpected");
            }
            failure.ifPresent(reason -> {
                log.warn("{} message {} comes back later: {}", what, message.getMessageId(), reason);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            });
        }
        return new SQSBatchResponse(failures);
    }
}
