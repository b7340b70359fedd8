package dev.microdrop.infrastructure.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ, embedded in the test JVM: a real SQS endpoint (visibility timeouts, receive counts, redrive to a
 * dead-letter queue), not a fake. One server per JVM (it takes a second or two to start); each test makes its
 * own uniquely named queues, so tests never see each other's messages.
 */
public final class LocalElasticMq {

    /** What a consumer needs to know of a queue and its dead-letter queue. ARNs come from ElasticMQ itself. */
    public record QueueWithDlq(String queueUrl, String queueArn, String dlqUrl, String dlqArn) {
    }

    private static String endpoint;
    private static SqsClient client;

    private LocalElasticMq() {
    }

    /** Starts the server once per JVM; returns its endpoint ({@code http://127.0.0.1:<port>}). */
    public static synchronized String endpoint() {
        if (endpoint == null) {
            SQSRestServer server = SQSRestServerBuilder.withPort(0).withInterface("127.0.0.1").start();
            int port = server.waitUntilStarted().localAddress().getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stopAndWait));
            endpoint = "http://127.0.0.1:" + port;
        }
        return endpoint;
    }

    /** One client of the server, shared; SDK clients are thread-safe. */
    public static synchronized SqsClient client() {
        if (client == null) {
            client = SqsClient.builder()
                    .endpointOverride(URI.create(endpoint()))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    // Long polls last up to 20 s; the socket must outlast them.
                    .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
                    .build();
        }
        return client;
    }

    /**
     * A new queue ({@code <prefix>-<random>}) whose messages move to a new dead-letter queue
     * ({@code <prefix>-<random>-dlq}) once they have been received {@code maxReceiveCount} times without being
     * deleted, as a Lambda event source leaves a failed message for SQS to redrive.
     */
    public static QueueWithDlq createQueueWithDlq(String prefix, Duration visibilityTimeout, int maxReceiveCount) {
        SqsClient sqs = client();
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String dlqUrl = sqs.createQueue(r -> r.queueName(name + "-dlq")).queueUrl();
        // ElasticMQ's ARNs name the region "elasticmq", not the client's; read the ARN instead of building one.
        String dlqArn = arn(dlqUrl);
        String redrivePolicy = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\""
                + maxReceiveCount + "\"}";
        String queueUrl = sqs.createQueue(r -> r.queueName(name).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(visibilityTimeout.toSeconds()),
                QueueAttributeName.REDRIVE_POLICY, redrivePolicy))).queueUrl();
        return new QueueWithDlq(queueUrl, arn(queueUrl), dlqUrl, dlqArn);
    }

    public static String arn(String queueUrl) {
        return client().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** Visible plus in-flight plus delayed messages: zero means the queue is really empty. */
    public static int messageCount(String queueUrl) {
        Map<QueueAttributeName, String> attributes = client().getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    /**
     * Receives every visible message of the queue (for a DLQ: what ended there), leaving them in flight for
     * a minute so repeated calls in one test do not count a message twice.
     */
    public static List<Message> receiveAll(String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = client().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(60).waitTimeSeconds(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
        }
    }
}
