package dev.microdrop.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.function.testing.LambdaHarness;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDbServer;
import dev.microdrop.infrastructure.sqs.LocalElasticMq;
import org.junit.jupiter.api.Test;

/**
 * The relay as Lambda runs it, with the stream event from events/outbox-stream.json. The bus is unreachable
 * here, so the relay must report the first record as failed: Lambda then retries from it and loses nothing.
 * (Delivery to a working bus is proven in the local module's OutboxCrashIntegrationTest.)
 */
class OutboxFunctionWiringTest {

    @Test
    void functionInvoker_reportsTheFirstRecordItCouldNotRelay() throws Exception {
        LocalDynamoDbServer.startAndConfigureSdk();
        System.setProperty("microdrop.table", "outbox-wiring");
        System.setProperty("microdrop.event-bus", "microdrop");
        System.setProperty("aws.endpointUrlEventBridge", "http://127.0.0.1:9");
        System.setProperty("microdrop.payments.expiry-queue-url",
                LocalElasticMq.client().createQueue(r -> r.queueName("outbox-wiring-expiry")).queueUrl());

        JsonNode response = new LambdaHarness(OutboxApplication.class, "relay").invoke("outbox-stream.json");

        assertThat(response.get("batchItemFailures")).hasSize(1);
        assertThat(response.get("batchItemFailures").get(0).get("itemIdentifier").asText())
                .isEqualTo("100000000000000000001");
    }
}
