package dev.microdrop.checkout;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.CheckoutService;
import dev.microdrop.core.checkout.CheckoutUseCase;
import dev.microdrop.core.checkout.OrderIds;
import dev.microdrop.core.drop.CachedDropReader;
import dev.microdrop.function.config.MicrodropFunctionConfiguration;
import dev.microdrop.function.config.MicrodropProperties;
import dev.microdrop.function.http.Json;
import dev.microdrop.function.http.Responses;
import dev.microdrop.infrastructure.dynamodb.DynamoDbInventory;
import java.time.Clock;
import java.util.function.Function;
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

    @Bean
    CheckoutUseCase checkoutUseCase(CachedDropReader drops, DynamoDbClient dynamoDb, MicrodropProperties properties,
            Clock clock) {
        return new CheckoutService(drops, new DynamoDbInventory(dynamoDb, properties.table()),
                new BuyerIds(properties.requireBuyerIdKey()), new OrderIds(), clock);
    }

    @Bean
    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> checkout(CheckoutUseCase checkoutUseCase,
            Responses responses) {
        return new CheckoutHandler(checkoutUseCase, Json.mapper(), responses);
    }

    public static void main(String[] args) {
        SpringApplication.run(CheckoutApplication.class, args);
    }
}
