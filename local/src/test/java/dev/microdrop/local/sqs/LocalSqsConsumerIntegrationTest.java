package dev.microdrop.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microdrop.infrastructure.sqs.LocalElasticMq;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The consumer against ElasticMQ with scripted functions: the event it builds and what it deletes. */
class LocalSqsConsumerIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final SqsClient sqs = LocalElasticMq.client();
    private final LocalElasticMq.QueueWithDlq queue = LocalElasticMq.createQueueWithDlq("consumer",
            Duration.ofSeconds(1), 3);
    /** Every message every invocation saw, in order. */
    private final List<SQSEvent.SQSMessage> seen = new CopyOnWriteArrayList<>();
    private final List<SQSEvent> events = new CopyOnWriteArrayList<>();
    private LocalSqsConsumer consumer;

    @AfterEach
    void stop() {
        if (consumer != null) {
            consumer.close();
        }
    }

    @Test
    void event_isShapedAsLambdasSqsEventSourceBuildsIt() throws Exception {
        start(event -> new SQSBatchResponse(List.of()));
        sqs.sendMessage(r -> r.queueUrl(queue.queueUrl()).messageBody("hello")
                .messageAttributes(Map.of("traceparent", MessageAttributeValue.builder().dataType("String")
                        .stringValue("00-abc-def-01").build())));

        Eventually.await(PATIENCE, "the message is handled", () -> seen.size() == 1);

        SQSEvent.SQSMessage record = seen.get(0);
        assertThat(record.getMessageId()).isNotBlank();
        assertThat(record.getReceiptHandle()).isNotBlank();
        assertThat(record.getBody()).isEqualTo("hello");
        assertThat(record.getMd5OfBody()).isEqualTo(md5("hello"));
        assertThat(record.getEventSource()).isEqualTo("aws:sqs");
        assertThat(record.getEventSourceArn()).isEqualTo(queue.queueArn());
        assertThat(record.getAwsRegion()).isEqualTo("elasticmq");
        assertThat(record.getAttributes()).containsEntry("ApproximateReceiveCount", "1")
                .containsKeys("SentTimestamp", "ApproximateFirstReceiveTimestamp");
        assertThat(record.getMessageAttributes().get("traceparent").getStringValue()).isEqualTo("00-abc-def-01");
        assertThat(record.getMessageAttributes().get("traceparent").getDataType()).isEqualTo("String");
    }

    @Test
    void consumer_deletesOnlyMessagesNotReportedAsFailures_andFailuresEndInTheDlqAfterThreeReceives()
            throws Exception {
        start(event -> new SQSBatchResponse(event.getRecords().stream()
                .filter(m -> m.getBody().startsWith("fail"))
                .map(m -> new SQSBatchResponse.BatchItemFailure(m.getMessageId()))
                .toList()));
        send("ok-1", "fail-1", "ok-2");

        Eventually.await(PATIENCE, "the failure reaches the DLQ and the queue empties",
                () -> LocalElasticMq.messageCount(queue.dlqUrl()) == 1
                        && LocalElasticMq.messageCount(queue.queueUrl()) == 0);

        assertThat(deliveries("ok-1")).isEqualTo(1);
        assertThat(deliveries("ok-2")).isEqualTo(1);
        assertThat(deliveries("fail-1")).isEqualTo(3);
        assertThat(seen).filteredOn(m -> m.getBody().equals("fail-1"))
                .extracting(m -> m.getAttributes().get("ApproximateReceiveCount")).containsExactly("1", "2", "3");
        assertThat(LocalElasticMq.receiveAll(queue.dlqUrl())).extracting(Message::body).containsExactly("fail-1");
    }

    @Test
    void consumer_whenFunctionThrows_thenTheWholeBatchComesBackAndTheConsumerCarriesOn() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start(event -> {
            if (calls.getAndIncrement() == 0) {
                throw new IllegalStateException("first invocation fails");
            }
            return new SQSBatchResponse(List.of());
        });
        send("a", "b");

        Eventually.await(PATIENCE, "both messages are handled and deleted",
                () -> LocalElasticMq.messageCount(queue.queueUrl()) == 0 && calls.get() >= 2);

        List<SQSEvent.SQSMessage> failedBatch = events.get(0).getRecords();
        assertThat(failedBatch).isNotEmpty().allSatisfy(m -> assertThat(deliveries(m.getBody())).isEqualTo(2));
        assertThat(LocalElasticMq.messageCount(queue.dlqUrl())).isZero();
    }

    @Test
    void consumer_whenAFailureNamesNoMessageOfTheBatch_thenTheWholeBatchComesBack() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start(event -> calls.getAndIncrement() == 0
                ? new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("not-in-this-batch")))
                : null);
        send("a");

        Eventually.await(PATIENCE, "the message is handled twice and deleted",
                () -> LocalElasticMq.messageCount(queue.queueUrl()) == 0 && calls.get() >= 2);

        assertThat(deliveries("a")).isEqualTo(2);
    }

    @Test
    void close_stopsPolling() throws Exception {
        start(event -> new SQSBatchResponse(List.of()));
        consumer.close();

        send("after close");
        Thread.sleep(1_500);

        assertThat(seen).isEmpty();
        assertThat(LocalElasticMq.messageCount(queue.queueUrl())).isEqualTo(1);
    }

    private void start(Function<SQSEvent, SQSBatchResponse> function) {
        consumer = new LocalSqsConsumer(sqs, queue.queueUrl(), event -> {
            events.add(event);
            seen.addAll(event.getRecords());
            return function.apply(event);
        }).start();
    }

    private void send(String... bodies) {
        for (String body : bodies) {
            sqs.sendMessage(r -> r.queueUrl(queue.queueUrl()).messageBody(body));
        }
    }

    private long deliveries(String body) {
        return seen.stream().filter(m -> m.getBody().equals(body)).count();
    }

    private static String md5(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, digest));
    }
}
