package dev.microdrop.local.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Lambda's SQS event source mapping, for one queue, on a thread of this process: long-polls the queue, hands
 * each batch to the function as the {@link SQSEvent} Lambda would build, and deletes the messages the function
 * did not report in {@code batchItemFailures} (the mapping's {@code ReportBatchItemFailures} mode).
 *
 * <p>Failed messages are simply not deleted: they come back after the queue's visibility timeout, and the
 * queue's own redrive policy moves them to its dead-letter queue after {@code maxReceiveCount} receives, as on
 * AWS. As there, a function that throws, or names a message that was not in the batch, fails the whole batch.
 *
 * <p>What it leaves out: Lambda's batching window, concurrency scaling and its back-off on errors. One batch at a
 * time is enough to run the functions locally and to test their retry behaviour against a real queue.
 */
public final class LocalSqsConsumer implements AutoCloseable {

    /** Lambda's default batch size for SQS, and the most one ReceiveMessage returns. */
    static final int MAX_MESSAGES = 10;

    private static final Logger log = LoggerFactory.getLogger(LocalSqsConsumer.class);

    private final SqsClient sqs;
    private final String queueUrl;
    private final Function<SQSEvent, SQSBatchResponse> function;
    private final Duration waitTime;
    private final Duration errorPause;
    private volatile boolean running;
    private Thread thread;
    private String queueArn;
    private String region;

    /** Polls with 1-second long polls, so {@link #close()} returns within about a second. */
    public LocalSqsConsumer(SqsClient sqs, String queueUrl, Function<SQSEvent, SQSBatchResponse> function) {
        this(sqs, queueUrl, function, Duration.ofSeconds(1));
    }

    /** @param waitTime how long each ReceiveMessage waits for messages (whole seconds, 0 to 20) */
    public LocalSqsConsumer(SqsClient sqs, String queueUrl, Function<SQSEvent, SQSBatchResponse> function,
            Duration waitTime) {
        if (waitTime.isNegative() || waitTime.toSeconds() > 20) {
            throw new IllegalArgumentException("SQS long polls wait 0 to 20 seconds, not " + waitTime);
        }
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.function = function;
        this.waitTime = waitTime;
        this.errorPause = Duration.ofMillis(500);
    }

    /** Reads the queue's ARN (the events name it) and starts polling on a daemon thread. */
    public synchronized LocalSqsConsumer start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        // arn:aws:sqs:<region>:<account>:<name>; Lambda's awsRegion is the queue's region (ElasticMQ: "elasticmq").
        region = queueArn.split(":", 6)[3];
        running = true;
        thread = new Thread(this::run, "sqs-consumer-" + queueArn.substring(queueArn.lastIndexOf(':') + 1));
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Stops after the batch in hand: its deletes still happen, so nothing handled is delivered again. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            this.running = false;
            running = thread;
        }
        if (running == null) {
            return;
        }
        try {
            running.join(waitTime.plusSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            log.warn("consumer of {} did not stop in time; interrupting it", queueArn);
            running.interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                        .maxNumberOfMessages(MAX_MESSAGES)
                        .waitTimeSeconds((int) waitTime.toSeconds())
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All")).messages();
                if (!messages.isEmpty()) {
                    deleteAllBut(messages, invoke(messages));
                }
            } catch (SdkException e) {
                if (!running) {
                    return;
                }
                // The endpoint is down or restarting: keep the consumer alive, like the event source mapping.
                log.warn("polling {} failed ({}); retrying", queueArn, e.getClass().getSimpleName());
                pause();
            } catch (RuntimeException e) {
                log.error("consumer of {} hit an unexpected error; carrying on", queueArn, e);
                pause();
            }
        }
    }

    /** The ids of the messages that failed. */
    private Set<String> invoke(List<Message> messages) {
        Set<String> inBatch = new HashSet<>();
        messages.forEach(m -> inBatch.add(m.messageId()));
        SQSBatchResponse response;
        try {
            response = function.apply(event(messages));
        } catch (Exception e) {
            // Checked exceptions too: a function may throw them sneakily, and Lambda would fail the batch.
            log.warn("function failed on a batch of {} from {}; all of it will be retried", messages.size(), queueArn,
                    e);
            return inBatch;
        }
        if (response == null || response.getBatchItemFailures() == null) {
            return Set.of();
        }
        Set<String> failed = new HashSet<>();
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            String id = failure == null ? null : failure.getItemIdentifier();
            if (id == null || !inBatch.contains(id)) {
                // Lambda's rule: a failure it cannot match to the batch fails the whole batch.
                log.warn("function reported a failure that names no message of the batch; all of it will be"
                        + " retried");
                return inBatch;
            }
            failed.add(id);
        }
        return failed;
    }

    private void deleteAllBut(List<Message> messages, Set<String> failed) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(entries.size()))
                        .receiptHandle(message.receiptHandle())
                        .build());
            }
        }
        if (entries.isEmpty()) {
            return;
        }
        DeleteMessageBatchResponse response = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
        if (response.hasFailed() && !response.failed().isEmpty()) {
            // A message that could not be deleted comes back and is handled again: the functions are idempotent.
            log.warn("{} of {} deletes from {} failed; those messages will be delivered again",
                    response.failed().size(), entries.size(), queueArn);
        }
    }

    /** The event exactly as Lambda's SQS event source builds it for this batch. */
    SQSEvent event(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setAttributes(new HashMap<>(message.attributesAsStrings()));
            record.setMessageAttributes(messageAttributes(message.messageAttributes()));
            record.setMd5OfBody(message.md5OfBody());
            record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion(region);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static Map<String, SQSEvent.MessageAttribute> messageAttributes(Map<String, MessageAttributeValue> values) {
        Map<String, SQSEvent.MessageAttribute> attributes = new HashMap<>();
        values.forEach((name, value) -> {
            SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
            attribute.setDataType(value.dataType());
            attribute.setStringValue(value.stringValue());
            if (value.binaryValue() != null) {
                attribute.setBinaryValue(value.binaryValue().asByteBuffer());
            }
            // Lambda sends these two lists empty (SQS reserves them); so do we.
            attribute.setStringListValues(List.of());
            attribute.setBinaryListValues(List.of());
            attributes.put(name, attribute);
        });
        return attributes;
    }

    private void pause() {
        try {
            Thread.sleep(errorPause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
