package dev.microdrop.outbox;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.microdrop.function.config.MicrodropFunctionConfiguration;
import dev.microdrop.function.config.MicrodropProperties;
import dev.microdrop.function.snapstart.Primer;
import dev.microdrop.infrastructure.aws.AwsClientFactory;
import dev.microdrop.infrastructure.dynamodb.ShardSummaries;
import dev.microdrop.infrastructure.events.EventBridgePublisher;
import dev.microdrop.infrastructure.outbox.OutboxRelay;
import dev.microdrop.infrastructure.outbox.SqsHoldExpiryQueue;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The outbox relay Lambda ({@code relay}): the table's stream to the event bus ({@code MICRODROP_EVENT_BUS}) and
 * each new hold's expiry to the hold-expiry queue ({@code MICRODROP_PAYMENTS_EXPIRY_QUEUE_URL}).
 */
@SpringBootApplication
@Import(MicrodropFunctionConfiguration.class)
public class OutboxApplication {

    @Bean(destroyMethod = "close")
    EventBridgeClient eventBridgeClient(AwsClientFactory clients) {
        return clients.client(EventBridgeClient.builder());
    }

    @Bean(destroyMethod = "close")
    SqsClient sqsClient(AwsClientFactory clients) {
        return clients.client(SqsClient.builder());
    }

    @Bean
    Function<DynamodbEvent, StreamsEventResponse> relay(EventBridgeClient eventBridge, SqsClient sqs,
            @Value("${microdrop.event-bus}") String eventBus,
            @Value("${microdrop.payments.expiry-queue-url}") String expiryQueueUrl, DynamoDbClient dynamoDb,
            MicrodropProperties properties, Clock clock) {
        return new OutboxRelayHandler(new OutboxRelay(new EventBridgePublisher(eventBridge, eventBus),
                new SqsHoldExpiryQueue(sqs, expiryQueueUrl, clock), new ShardSummaries(dynamoDb, properties.table()),
                clock));
    }

    /**
     * Before SnapStart's snapshot: a stream record the relay ignores (TTL removing an old outbox item), through the
     * real handler: nothing is published, nothing scheduled.
     */
    @Bean
    Primer relayPrimer(Function<DynamodbEvent, StreamsEventResponse> relay) {
        return () -> {
            Map<String, AttributeValue> item = Map.of("pk", new AttributeValue().withS("OUTBOX#evt_priming"),
                    "sk", new AttributeValue().withS("EVENT"), "type", new AttributeValue().withS("OutboxEvent"));
            DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventName("REMOVE");
            record.setDynamodb(new StreamRecord().withKeys(item).withOldImage(item).withSequenceNumber("0"));
            DynamodbEvent event = new DynamodbEvent();
            event.setRecords(List.of(record));
            relay.apply(event);
        };
    }

    public static void main(String[] args) {
        SpringApplication.run(OutboxApplication.class, args);
    }
}
