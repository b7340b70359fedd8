package dev.microdrop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.function.testing.LambdaHarness;
import dev.microdrop.infrastructure.dynamodb.DropTable;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropPublisher;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDbServer;
import dev.microdrop.infrastructure.dynamodb.TableKeys;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The catalog as Lambda runs it: {@code FunctionInvoker} with {@code MAIN_CLASS=CatalogApplication}, the
 * function-URL events from {@code events/}, the SDK client the context builds, DynamoDB Local behind it.
 */
class CatalogFunctionWiringTest {

    @Test
    void functionInvoker_runsTheCatalogEventsThroughTheSpringBean() throws Exception {
        Instant now = Instant.now();
        publish("catalog-wiring", TestDrops.drop("neon-runners", now.minusSeconds(60), now.plus(Duration.ofDays(1)), 2,
                100, "NR-41", "NR-42"), now);

        LambdaHarness lambda = new LambdaHarness(CatalogApplication.class, "catalog");
        JsonNode drop = lambda.invoke("catalog-get-drop.json");
        JsonNode list = lambda.invoke("catalog-list-drops.json");

        assertThat(drop.get("statusCode").asInt()).isEqualTo(200);
        assertThat(drop.get("headers").get("etag").asText()).startsWith("W/\"");
        JsonNode body = new ObjectMapper().readTree(drop.get("body").asText());
        assertThat(body.get("dropId").asText()).isEqualTo("neon-runners");
        assertThat(body.get("skus").findValuesAsText("sku")).containsExactly("NR-41", "NR-42");
        assertThat(body.get("skus").get(0).get("available").asInt()).isEqualTo(100);
        assertThat(body.get("serverTime").asText()).isNotBlank();
        assertThat(list.get("statusCode").asInt()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(list.get("body").asText()).get("drops").findValuesAsText("dropId"))
                .containsExactly("neon-runners");
    }

    @Test
    void theCatalogFunction_readsAShardedSkusCountersFromItsSummary_notFromItsShards() throws Exception {
        String table = "catalog-wiring-shards";
        Instant now = Instant.now();
        Drop plain = TestDrops.drop("neon-runners", now.minusSeconds(60), now.plus(Duration.ofDays(1)), 2, 100,
                "NR-42");
        Sku sku = plain.skus().getFirst();
        DynamoDbClient dynamoDb = publish(table, new Drop(plain.dropId(), plain.name(), plain.currency(),
                plain.opensAt(), plain.closesAt(), plain.perBuyerLimit(), plain.holdDuration(), true, plain.hubs(),
                List.of(new Sku(sku.sku(), sku.productId(), sku.productName(), sku.variantName(), sku.price(), 100,
                        Map.of(), List.of(), 4)), plain.wavePlan()), now);
        // What the outbox relay would write after shard 3 sold 25 units: the shard itself is left as published.
        dynamoDb.updateItem(r -> r.tableName(table).key(TableKeys.sku("neon-runners", "NR-42"))
                .updateExpression("SET shardLevels.#s.available = :zero, shardLevels.#s.sold = :sold")
                .expressionAttributeNames(Map.of("#s", "3"))
                .expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0"), ":sold", AttributeValue.fromN("25"))));

        JsonNode drop = new LambdaHarness(CatalogApplication.class, "catalog").invoke("catalog-get-drop.json");

        JsonNode body = new ObjectMapper().readTree(drop.get("body").asText());
        assertThat(body.get("skus").get(0).get("available").asInt()).isEqualTo(75);
    }

    /** The function's table (named through {@code microdrop.table}) on the DynamoDB Local server, with one drop. */
    private static DynamoDbClient publish(String table, Drop drop, Instant now) throws Exception {
        DynamoDbClient dynamoDb = LocalDynamoDbServer.client();
        System.setProperty("microdrop.table", table);
        DropTable.createIfMissing(dynamoDb, table);
        new DynamoDbDropPublisher(dynamoDb, table).publish(drop, now);
        return dynamoDb;
    }
}
