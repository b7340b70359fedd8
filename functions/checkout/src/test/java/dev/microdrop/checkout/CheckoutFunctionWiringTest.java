package dev.microdrop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.function.testing.LambdaHarness;
import dev.microdrop.infrastructure.dynamodb.DropTable;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropPublisher;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDbServer;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import dev.microdrop.infrastructure.payments.StripeApiStub;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The checkout as Lambda runs it: {@code FunctionInvoker} with {@code MAIN_CLASS=CheckoutApplication}, the
 * function-URL event from {@code events/checkout-post.json}, DynamoDB Local behind the SDK client.
 */
class CheckoutFunctionWiringTest {

    @Test
    void functionInvoker_runsTheCheckoutEventThroughTheSpringBean_andARetryReplays() throws Exception {
        DynamoDbClient dynamoDb = LocalDynamoDbServer.client();
        String table = "checkout-wiring";
        System.setProperty("microdrop.table", table);
        System.setProperty("microdrop.buyer-id-key", "wiring-test-buyer-id-key");
        StripeApiStub stripe = new StripeApiStub().answer("/v1/payment_intents", 200, "payment_intent.json");
        System.setProperty("microdrop.payments.stripe-secret-key", "sk_test_wiring");
        System.setProperty("microdrop.payments.stripe-api-base", stripe.baseUrl());
        DropTable.createIfMissing(dynamoDb, table);
        Instant now = Instant.now();
        new DynamoDbDropPublisher(dynamoDb, table).publish(TestDrops.drop("neon-runners", now.minusSeconds(60),
                now.plus(Duration.ofDays(1)), 2, 100, "NR-42"), now);

        LambdaHarness lambda = new LambdaHarness(CheckoutApplication.class, "checkout");
        JsonNode first = lambda.invoke("checkout-post.json");
        JsonNode retry = lambda.invoke("checkout-post.json");

        assertThat(first.get("statusCode").asInt()).as(first.toString()).isEqualTo(201);
        JsonNode order = new ObjectMapper().readTree(first.get("body").asText());
        assertThat(order.get("orderId").asText()).startsWith("ord_");
        assertThat(order.get("status").asText()).isEqualTo("held");
        assertThat(order.get("amount").get("minorUnits").asLong()).isEqualTo(2_500);
        assertThat(order.get("holdExpiresAt").asText()).isNotBlank();
        assertThat(order.get("payment").get("provider").asText()).isEqualTo("stripe");
        assertThat(order.get("payment").get("clientSecret").asText()).isNotBlank();
        assertThat(order.get("orderToken").asText()).isNotBlank();
        assertThat(stripe.received().getFirst().header("idempotency-key")).endsWith(order.get("orderId").asText());
        assertThat(retry.get("statusCode").asInt()).isEqualTo(201);
        assertThat(retry.get("headers").get("idempotent-replayed").asText()).isEqualTo("true");
        assertThat(new ObjectMapper().readTree(retry.get("body").asText()).get("orderId").asText())
                .isEqualTo(order.get("orderId").asText());
    }
}
