package dev.microdrop.merchant;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.lifecycle.OrderLifecycle;
import dev.microdrop.core.merchant.KpiCalculator;
import dev.microdrop.core.merchant.MerchantDoors;
import dev.microdrop.core.preorder.PreorderRuns;
import dev.microdrop.core.waves.WaveSchedules;
import dev.microdrop.core.waves.WaveService;
import dev.microdrop.function.auth.MerchantAuth;
import dev.microdrop.function.auth.MerchantTokens;
import dev.microdrop.function.config.MicrodropFunctionConfiguration;
import dev.microdrop.function.config.MicrodropProperties;
import dev.microdrop.function.http.FunctionUrlEvents;
import dev.microdrop.function.http.Responses;
import dev.microdrop.function.snapstart.Primer;
import dev.microdrop.infrastructure.aws.AwsClientFactory;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropPauses;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropPublisher;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropReader;
import dev.microdrop.infrastructure.dynamodb.DynamoDbHandovers;
import dev.microdrop.infrastructure.dynamodb.DynamoDbMerchantViews;
import dev.microdrop.infrastructure.dynamodb.DynamoDbOrderStore;
import dev.microdrop.infrastructure.dynamodb.DynamoDbPreorders;
import dev.microdrop.infrastructure.dynamodb.DynamoDbReconciler;
import dev.microdrop.infrastructure.dynamodb.DynamoDbStockAdjustments;
import dev.microdrop.infrastructure.dynamodb.DynamoDbWaveReleases;
import dev.microdrop.infrastructure.payments.StripePayments;
import dev.microdrop.infrastructure.scheduler.SchedulerWaveSchedules;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * The merchant Lambda ({@code merchant}). Callers present {@code Authorization: Bearer}: a merchant key
 * ({@code MICRODROP_MERCHANT_KEYS}: local runs, CI, scripts) or, when the stack signs merchants in with Cognito
 * ({@code MICRODROP_MERCHANT_COGNITO_USER_POOL_ID}), a token of that pool for the dashboard's app client, which acts
 * as {@code MICRODROP_MERCHANT_ID}. The client's id is {@code MICRODROP_MERCHANT_COGNITO_CLIENT_ID}, or is read from
 * the SSM parameter {@code MICRODROP_MERCHANT_COGNITO_CLIENT_ID_PARAMETER} names (what the CDK stack sets: the client
 * is created after the function, see {@link dev.microdrop.function.config.CachedValue}). Payment fees for the KPIs default to 1.5% +
 * 25 minor units per payment.
 */
@SpringBootApplication
@Import(MicrodropFunctionConfiguration.class)
public class MerchantApplication {

    @Bean
    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> merchant(DynamoDbClient dynamoDb,
            MicrodropProperties properties, Responses responses, Clock clock,
            @Value("${microdrop.merchant.keys:}") String keys,
            @Value("${microdrop.merchant.id:}") String merchantId,
            @Value("${microdrop.merchant.cognito.user-pool-id:}") String userPoolId,
            @Value("${microdrop.merchant.cognito.client-id:}") String clientId,
            @Value("${microdrop.merchant.cognito.client-id-parameter:}") String clientIdParameter,
            @Value("${microdrop.merchant.fee-rate:0.015}") double feeRate,
            @Value("${microdrop.merchant.fee-fixed:25}") long feeFixed,
            @Value("${microdrop.waves.function-arn:}") String wavesFunctionArn,
            @Value("${microdrop.waves.role-arn:}") String wavesRoleArn,
            @Value("${microdrop.waves.dlq-arn:}") String wavesDeadLetterArn,
            @Value("${microdrop.payments.stripe-secret-key:}") String stripeSecretKey,
            @Value("${microdrop.payments.stripe-api-base:}") String stripeApiBase,
            AwsClientFactory clients) {
        DynamoDbDropReader drops = new DynamoDbDropReader(dynamoDb, properties.table(), clock);
        // Confirming or cancelling a pre-order run charges or refunds through the provider; without its key the
        // rest of the merchant API still works, and those two routes say what is missing.
        PreorderRuns preorderRuns = stripeSecretKey.isBlank() ? null : new PreorderRuns(
                new DynamoDbPreorders(dynamoDb, properties.table()),
                new OrderLifecycle(new DynamoDbOrderStore(dynamoDb, properties.table(), clock), drops,
                        new StripePayments(StripePayments.client(stripeSecretKey, stripeApiBase)), clock));
        return new MerchantHandler(new MerchantAuth(keys, MerchantTokens.configured(userPoolId, clientId,
                clientIdParameter, merchantId, clients, clock)), MerchantDoors.of(new MerchantDoors.Ports(
                new DynamoDbMerchantViews(dynamoDb, properties.table()), drops,
                new DynamoDbDropPublisher(dynamoDb, properties.table()),
                new DynamoDbStockAdjustments(dynamoDb, properties.table()),
                new DynamoDbDropPauses(dynamoDb, properties.table()),
                new DynamoDbReconciler(dynamoDb, properties.table(), clock),
                wavesFunctionArn.isBlank() ? WaveSchedules.NONE : new SchedulerWaveSchedules(
                        clients.client(SchedulerClient.builder()), wavesFunctionArn, wavesRoleArn, wavesDeadLetterArn),
                new WaveService(drops, new DynamoDbWaveReleases(dynamoDb, properties.table()), clock), preorderRuns,
                new DynamoDbOrderStore(dynamoDb, properties.table(), clock),
                new DynamoDbHandovers(dynamoDb, properties.table())),
                new KpiCalculator(feeRate, feeFixed), properties.requireBuyerIdKey(), clock), drops, responses);
    }

    /** Before SnapStart's snapshot: a request without credentials, refused (401) before anything is read. */
    @Bean
    Primer merchantPrimer(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> merchant) {
        return () -> merchant.apply(FunctionUrlEvents.request("GET", "/merchant/drops/" + Primer.DROP_ID + "/kpis",
                Map.of(), null));
    }

    public static void main(String[] args) {
        SpringApplication.run(MerchantApplication.class, args);
    }
}
