package dev.microdrop.infrastructure.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The SQS behaviour our consumers rely on, checked against ElasticMQ: redrive after maxReceiveCount receives. */
class LocalElasticMqIntegrationTest {

    private final SqsClient sqs = LocalElasticMq.client();

    @Test
    void createQueueWithDlq_whenMessageIsReceivedMaxTimesWithoutDelete_thenItMovesToTheDlq() throws Exception {
        LocalElasticMq.QueueWithDlq queue = LocalElasticMq.createQueueWithDlq("redrive", Duration.ofSeconds(1), 3);
        sqs.sendMessage(r -> r.queueUrl(queue.queueUrl()).messageBody("never deleted"));

        for (int receive = 1; receive <= 3; receive++) {
            List<Message> got = receiveWithin(queue.queueUrl(), Duration.ofSeconds(5));
            assertThat(got).hasSize(1);
            assertThat(got.get(0).attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .isEqualTo(Integer.toString(receive));
        }
        // The fourth receive finds the message over its limit and moves it instead of delivering it.
        Thread.sleep(1_200);
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queue.queueUrl()).waitTimeSeconds(1)).messages()).isEmpty();

        assertThat(LocalElasticMq.receiveAll(queue.dlqUrl())).extracting(Message::body).containsExactly("never deleted");
        assertThat(LocalElasticMq.messageCount(queue.queueUrl())).isZero();
    }

    @Test
    void createQueueWithDlq_arnsAreElasticMqsOwn() {
        LocalElasticMq.QueueWithDlq queue = LocalElasticMq.createQueueWithDlq("arns", Duration.ofSeconds(1), 3);

        assertThat(queue.queueArn()).startsWith("arn:aws:sqs:elasticmq:").endsWith(":" + name(queue.queueUrl()));
        assertThat(queue.dlqArn()).endsWith(":" + name(queue.queueUrl()) + "-dlq");
    }

    private List<Message> receiveWithin(String queueUrl, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (!messages.isEmpty()) {
                return messages;
            }
        }
        return List.of();
    }

    private static String name(String queueUrl) {
        return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }
}
