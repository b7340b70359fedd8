package dev.microdrop.bench;

import dev.microdrop.catalog.CatalogHandler;
import dev.microdrop.checkout.CheckoutHandler;
import dev.microdrop.core.catalog.CatalogService;
import dev.microdrop.core.checkout.BuyerDoors;
import dev.microdrop.core.drop.CachedDropReader;
import dev.microdrop.core.order.OrderTokens;
import dev.microdrop.core.stock.Contention;
import dev.microdrop.core.testing.RecordingPayments;
import dev.microdrop.function.http.Responses;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropReader;
import dev.microdrop.infrastructure.dynamodb.DynamoDbInventory;
import dev.microdrop.infrastructure.dynamodb.DynamoDbOrderStore;
import dev.microdrop.infrastructure.dynamodb.DynamoDbWaitlist;
import dev.microdrop.infrastructure.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One instance of the checkout or catalog function, wired as {@code CheckoutApplication} and
 * {@code CatalogApplication} (with {@code MicrodropFunctionConfiguration}) wire it on Lambda: the same handler,
 * use case, DynamoDB adapters and per-instance cache. One thing differs: the payment provider is in memory, so
 * the figures are the table's and ours, not Stripe's.
 */
final class Functions {

    private static final byte[] BUYER_ID_KEY = "microdrop-bench-buyer-id-key".getBytes(StandardCharsets.UTF_8);

    private Functions() {
    }

    static CheckoutHandler checkout(DynamoDbClient dynamoDb, String table, Duration cacheWindow) {
        Clock clock = Clock.systemUTC();
        BuyerDoors doors = BuyerDoors.of(cache(dynamoDb, table, cacheWindow, clock), new DynamoDbInventory(dynamoDb, table), new DynamoDbWaitlist(dynamoDb, table),
                new RecordingPayments(), BUYER_ID_KEY, Contention.standard(), clock);
        return new CheckoutHandler(doors, new DynamoDbOrderStore(dynamoDb, table, clock), new OrderTokens(BUYER_ID_KEY),
                Json.mapper(), new Responses(Json.mapper()));
    }

    static CatalogHandler catalog(DynamoDbClient dynamoDb, String table, Duration cacheWindow) {
        Clock clock = Clock.systemUTC();
        // As CatalogApplication's microdrop.shard-summaries=true: sharded SKUs' counters from their summaries.
        return new CatalogHandler(new CatalogService(new CachedDropReader(
                DynamoDbDropReader.summaries(dynamoDb, table, clock), clock, cacheWindow), clock),
                new Responses(Json.mapper()), cacheWindow);
    }

    private static CachedDropReader cache(DynamoDbClient dynamoDb, String table, Duration window, Clock clock) {
        return new CachedDropReader(new DynamoDbDropReader(dynamoDb, table, clock), clock, window);
    }
}
