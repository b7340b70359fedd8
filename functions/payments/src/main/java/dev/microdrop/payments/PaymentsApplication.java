package dev.microdrop.payments;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microdrop.core.lifecycle.OrderLifecycle;
import dev.microdrop.core.payment.PaymentProvider;
import dev.microdrop.function.config.MicrodropFunctionConfiguration;
import dev.microdrop.function.config.MicrodropProperties;
import dev.microdrop.function.http.FunctionUrlEvents;
import dev.microdrop.function.http.Responses;
import dev.microdrop.function.snapstart.Primer;
import dev.microdrop.function.snapstart.PrimingEvents;
import dev.microdrop.infrastructure.aws.AwsClientFactory;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropReader;
import dev.microdrop.infrastructure.dynamodb.DynamoDbOrderStore;
import dev.microdrop.infrastructure.outbox.SqsHoldExpiryQueue;
import dev.microdrop.infrastructure.payments.StripePayments;
import dev.microdrop.infrastructure.payments.StripeWebhooks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The payments Lambdas: {@code webhook} (function URL, {@code POST /webhooks/payments}) and {@code expireHolds}
 * (the hold-expiry queue). One module, two function definitions: both move orders through the same lifecycle.
 */
@SpringBootApplication
@Import(MicrodropFunctionConfiguration.class)
@EnableConfigurationProperties(PaymentsProperties.class)
public class PaymentsApplication {

    @Bean
    PaymentProvider paymentProvider(PaymentsProperties properties) {
        return new StripePayments(StripePayments.client(properties.stripeSecretKey(), properties.stripeApiBase()));
    }

    @Bean
    OrderLifecycle orderLifecycle(DynamoDbClient dynamoDb, MicrodropProperties microdrop, PaymentProvider payments,
            Clock clock) {
        return new OrderLifecycle(new DynamoDbOrderStore(dynamoDb, microdrop.table(), clock),
                new DynamoDbDropReader(dynamoDb, microdrop.table(), clock), payments, clock);
    }

    @Bean
    StripeWebhooks stripeWebhooks(PaymentsProperties properties, Clock clock) {
        List<String> secrets = new ArrayList<>(List.of(properties.webhookSecret()));
        if (properties.webhookPreviousSecret() != null && !properties.webhookPreviousSecret().isBlank()) {
            secrets.add(properties.webhookPreviousSecret());
        }
        return new StripeWebhooks(secrets, StripeWebhooks.DEFAULT_TOLERANCE, clock);
    }

    @Bean
    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> webhook(StripeWebhooks webhooks,
            OrderLifecycle orderLifecycle, Responses responses) {
        return new WebhookHandler(webhooks, orderLifecycle, responses);
    }

    @Bean(destroyMethod = "close")
    SqsClient sqsClient(AwsClientFactory clients) {
        return clients.client(SqsClient.builder());
    }

    @Bean
    Function<SQSEvent, SQSBatchResponse> expireHolds(OrderLifecycle orderLifecycle, SqsClient sqs,
            PaymentsProperties properties, Clock clock) {
        return new HoldExpiryHandler(orderLifecycle, new SqsHoldExpiryQueue(sqs, properties.expiryQueueUrl(), clock),
                clock);
    }

    /**
     * Before SnapStart's snapshot: an unsigned webhook (refused before anything is read or written) and an expiry
     * of an order that does not exist (one read, no write), each through its real handler.
     */
    @Bean
    Primer paymentsPrimer(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> webhook,
            Function<SQSEvent, SQSBatchResponse> expireHolds) {
        return () -> {
            webhook.apply(FunctionUrlEvents.request("POST", "/webhooks/payments", Map.of("content-type", "application/json",
                    "stripe-signature", "t=0,v1=00"), "{\"id\":\"evt_priming\",\"type\":\"payment_intent.succeeded\"}"));
            expireHolds.apply(PrimingEvents.sqs("{\"orderId\":\"" + Primer.ORDER_ID
                    + "\",\"holdExpiresAt\":\"1970-01-01T00:00:00Z\"}"));
        };
    }

    public static void main(String[] args) {
        SpringApplication.run(PaymentsApplication.class, args);
    }
}
