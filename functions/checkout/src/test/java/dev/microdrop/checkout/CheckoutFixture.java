package dev.microdrop.checkout;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.BuyerDoors;
import dev.microdrop.core.drop.CachedDropReader;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.order.OrderTokens;
import dev.microdrop.core.stock.Contention;
import dev.microdrop.core.testing.RecordingPayments;
import dev.microdrop.function.http.FunctionUrlEvents;
import dev.microdrop.function.http.Responses;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropReader;
import dev.microdrop.infrastructure.dynamodb.DynamoDbInventory;
import dev.microdrop.infrastructure.dynamodb.DynamoDbOrderStore;
import dev.microdrop.infrastructure.dynamodb.DynamoDbWaitlist;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import dev.microdrop.infrastructure.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The checkout handler wired exactly as in production (real use case, real DynamoDB adapter) on DynamoDB
 * Local, with a fresh table holding one drop. Requests go in as function-URL events.
 */
final class CheckoutFixture {

    static final ObjectMapper MAPPER = Json.mapper();

    final String table;
    final CheckoutHandler handler;
    final CachedDropReader drops;
    final RecordingPayments payments = new RecordingPayments();
    static final byte[] KEY = "test-key-test-key".getBytes(StandardCharsets.UTF_8);

    CheckoutFixture(Drop drop, DynamoDbClient dynamoDb, Clock clock, Duration cacheWindow) {
        this.table = TestDrops.seeded(drop, clock.instant());
        this.drops = new CachedDropReader(new DynamoDbDropReader(dynamoDb, table, clock), clock, cacheWindow);
        BuyerDoors doors = BuyerDoors.of(drops, new DynamoDbInventory(dynamoDb, table), new DynamoDbWaitlist(dynamoDb, table),
                payments, KEY, Contention.standard(), clock);
        this.handler = new CheckoutHandler(doors, new DynamoDbOrderStore(dynamoDb, table, clock),
                new OrderTokens(KEY), MAPPER, new Responses(MAPPER));
    }

    CheckoutFixture(Drop drop, Clock clock) {
        this(drop, LocalDynamoDb.client(), clock, Duration.ofSeconds(2));
    }

    String buyerId(String email) {
        return new BuyerIds(KEY).of(email).value();
    }

    APIGatewayV2HTTPResponse post(String key, String body) {
        return post(key, body, Map.of("content-type", "application/json"));
    }

    APIGatewayV2HTTPResponse post(String key, String body, Map<String, String> headers) {
        return post("/checkout", key, body, headers);
    }

    APIGatewayV2HTTPResponse post(String path, String key, String body, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        if (key != null) {
            all.put("idempotency-key", key);
        }
        return handler.apply(event("POST", path, all, body));
    }

    static APIGatewayV2HTTPEvent event(String method, String path, Map<String, String> headers, String body) {
        return FunctionUrlEvents.request(method, path, headers, body);
    }

    static String checkout(String dropId, String email, String... skuQuantityPairs) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < skuQuantityPairs.length; i += 2) {
            if (i > 0) {
                lines.append(',');
            }
            lines.append("{\"sku\":\"").append(skuQuantityPairs[i]).append("\",\"quantity\":")
                    .append(skuQuantityPairs[i + 1]).append('}');
        }
        return "{\"dropId\":\"" + dropId + "\",\"lines\":[" + lines + "],\"buyer\":{\"email\":\"" + email
                + "\"},\"fulfilment\":{\"type\":\"pickup\",\"hubId\":\"" + TestDrops.HUB + "\"}}";
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return MAPPER.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
