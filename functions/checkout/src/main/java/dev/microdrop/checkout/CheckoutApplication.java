package dev.microdrop.checkout;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.checkout.BuyerDoors;
import dev.microdrop.core.drop.CachedDropReader;
import dev.microdrop.core.order.OrderTokens;
import dev.microdrop.core.payment.PaymentProvider;
import dev.microdrop.core.stock.Contention;
import dev.microdrop.function.config.MicrodropFunctionConfiguration;
import dev.microdrop.function.config.MicrodropProperties;
import dev.microdrop.function.http.FunctionUrlEvents;
import dev.microdrop.function.http.Responses;
import dev.microdrop.function.snapstart.Primer;
import dev.microdrop.infrastructure.dynamodb.DynamoDbInventory;
import dev.microdrop.infrastructure.dynamodb.DynamoDbOrderStore;
import dev.microdrop.infrastructure.dynamodb.DynamoDbWaitlist;
import dev.microdrop.infrastructure.json.Json;
import dev.microdrop.infrastructure.payments.StripePayments;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The checkout Lambda: {@code MAIN_CLASS} for Spring Cloud Function's {@code FunctionInvoker}, function
 * definition {@code checkout}.
 */
@SpringBootApplication
@Import(MicrodropFunctionConfiguration.class)
public class CheckoutApplication {

    /** Stripe, reached at {@code MICRODROP_PAYMENTS_STRIPE_API_BASE} (Stripe itself unless set). */
    @Bean
    PaymentProvider paymentProvider(@Value("${microdrop.payments.stripe-secret-key:}") String secretKey,
            @Value("${microdrop.payments.stripe-api-base:}") String apiBase) {
        return new StripePayments(StripePayments.client(secretKey, apiBase));
    }

    @Bean
    BuyerDoors buyerDoors(CachedDropReader drops, DynamoDbClient dynamoDb, MicrodropProperties properties,
            PaymentProvider paymentProvider, Clock clock) {
        return BuyerDoors.of(drops, new DynamoDbInventory(dynamoDb, properties.table()),
                new DynamoDbWaitlist(dynamoDb, properties.table()), paymentProvider, properties.requireBuyerIdKey(),
                Contention.standard(), clock);
    }

    @Bean
    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> checkout(BuyerDoors buyerDoors, DynamoDbClient dynamoDb,
            MicrodropProperties properties, Responses responses, Clock clock) {
        return new CheckoutHandler(buyerDoors,
                new DynamoDbOrderStore(dynamoDb, properties.table(), clock),
                new OrderTokens(properties.requireBuyerIdKey()), Json.mapper(), responses);
    }

    /**
     * Before SnapStart's snapshot: a full checkout request for a drop that does not exist (parsed, validated, the
     * drop read: 404, nothing written), and an order read without its token (401).
     */
    @Bean
    Primer checkoutPrimer(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> checkout) {
        return () -> {
            checkout.apply(FunctionUrlEvents.request("POST", "/checkout", Map.of("content-type", "application/json",
                    "idempotency-key", "microdrop-priming-key"), "{\"dropId\":\"" + Primer.DROP_ID + "\","
                    + "\"lines\":[{\"sku\":\"PRIMING\",\"quantity\":1}],\"buyer\":{\"email\":\"priming@example.com\"},"
                    + "\"fulfilment\":{\"type\":\"ship\",\"address\":{\"name\":\"Priming\",\"line1\":\"1 Main St\","
                    + "\"city\":\"Berlin\",\"postalCode\":\"10115\",\"country\":\"DE\"}}}"));
            checkout.apply(FunctionUrlEvents.request("GET", "/orders/" + Primer.ORDER_ID, Map.of(), null));
        };
    }

    public static void main(String[] args) {
        SpringApplication.run(CheckoutApplication.class, args);
    }
}
