package dev.microdrop.infrastructure.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.merchant.OrderRow;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.stock.HoldRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * The merchant views on DynamoDB Local: a drop's orders come from the sparse index gsi1 by Query (never a Scan),
 * oldest first, without e-mails; orders written without the index keys (before it existed) are not listed; and a
 * table made before the index gets it added.
 */
class DynamoDbMerchantViewsIntegrationTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final BuyerIds BUYERS = new BuyerIds("test-key-test-key".getBytes(StandardCharsets.UTF_8));

    @Test
    void orders_comeFromTheIndex_byQuery_oldestFirst_onlyThisDrops_andWithoutEmails() {
        String table = TestDrops.seeded(TestDrops.open(NOW, 10, 50, "A", "B"), NOW);
        long started = System.nanoTime();
        DropTable.createIfMissing(LocalDynamoDb.client(), table);
        assertThat(System.nanoTime() - started).as("a table made with its index needs nothing more")
                .isLessThan(java.time.Duration.ofSeconds(5).toNanos());
        new DynamoDbDropPublisher(LocalDynamoDb.client(), table).publish(
                TestDrops.drop("other-drop", NOW.minusSeconds(60), NOW.plusSeconds(86_400), 5, 10, "A"), NOW);
        DynamoDbInventory inventory = new DynamoDbInventory(LocalDynamoDb.client(), table);
        Order second = order(TestDrops.DROP, "bob", NOW.plusSeconds(20));
        Order first = order(TestDrops.DROP, "ada", NOW.plusSeconds(10));
        Order elsewhere = order("other-drop", "cy", NOW.plusSeconds(5));
        for (Order order : List.of(second, first, elsewhere)) {
            inventory.hold(new HoldRequest(order, "key-" + order.orderId(), "fp", 10, order.createdAt()));
        }
        CountingDynamoDb counting = new CountingDynamoDb(LocalDynamoDb.client());

        List<OrderRow> orders = new DynamoDbMerchantViews(counting.client(), table).orders(TestDrops.DROP);

        assertThat(orders).extracting(OrderRow::orderId).containsExactly(first.orderId(), second.orderId());
        assertThat(orders.getFirst().units()).isEqualTo(Map.of("A", 1));
        assertThat(orders.getFirst().status()).isEqualTo(OrderStatus.HELD);
        assertThat(counting.calls("scan") + counting.calls("scanPaginator")).isZero();
        assertThat(counting.calls("queryPaginator")).isEqualTo(1);
        var indexed = LocalDynamoDb.client().query(r -> r.tableName(table).indexName(DropTable.ORDERS_BY_DROP_INDEX)
                .keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("DROP#" + TestDrops.DROP)))).items();
        assertThat(indexed).hasSize(2).allSatisfy(item -> assertThat(item).doesNotContainKeys("buyerEmail", "fulfilment"));
        assertThat(indexed.getFirst().get("gsi1sk").s())
                .isEqualTo(String.format("%013d#%s", first.createdAt().toEpochMilli(), first.orderId()));
    }

    /**
     * On its own DynamoDB Local instance, as the local runtime opens its kept data: the emulator builds an index
     * added to an existing table in the background, and on the instance every other test shares that background
     * work was seen never to finish.
     */
    @Test
    void createIfMissing_addsTheIndexToATableMadeBeforeIt_andOlderOrdersAreNotListed() {
        AmazonDynamoDBLocal own = DynamoDBEmbedded.create();
        try {
            addsTheIndex(own.dynamoDbClient());
        } finally {
            own.shutdown();
        }
    }

    private void addsTheIndex(DynamoDbClient dynamoDb) {
        String table = "microdrop-test-" + UUID.randomUUID();
        dynamoDb.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
        new DynamoDbDropPublisher(dynamoDb, table).publish(TestDrops.open(NOW, 10, 50, "A"), NOW);
        Order legacy = order(TestDrops.DROP, "ada", NOW);
        Map<String, AttributeValue> legacyItem = new HashMap<>(OrderItems.order(legacy, "key-legacy"));
        legacyItem.remove(DropTable.GSI1_PK);
        legacyItem.remove(DropTable.GSI1_SK);
        dynamoDb.putItem(r -> r.tableName(table).item(legacyItem));

        DropTable.createIfMissing(dynamoDb, table);
        DropTable.createIfMissing(dynamoDb, table); // and again: nothing to do
        Order fresh = order(TestDrops.DROP, "bob", NOW.plusSeconds(1));
        new DynamoDbInventory(dynamoDb, table).hold(new HoldRequest(fresh, "key-fresh", "fp", 10, NOW));

        assertThat(dynamoDb.describeTable(r -> r.tableName(table)).table().globalSecondaryIndexes())
                .as("both indexes added, each once").hasSize(2).allSatisfy(index -> {
                    assertThat(index.indexName()).isIn(DropTable.ORDERS_BY_DROP_INDEX, DropTable.AUDIENCE_INDEX);
                    assertThat(index.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
                });
        assertThat(new DynamoDbMerchantViews(dynamoDb, table).orders(TestDrops.DROP))
                .extracting(OrderRow::orderId).containsExactly(fresh.orderId());
    }

    private static Order order(String dropId, String buyer, Instant createdAt) {
        return new Order(new OrderIds().next(createdAt), dropId, BUYERS.of(buyer + "@example.com"),
                buyer + "@example.com", List.of(new OrderLine("A", 1, Money.of(2_500, "EUR"))), Money.of(2_500, "EUR"),
                new Fulfilment.Pickup(TestDrops.HUB), OrderStatus.HELD, createdAt, createdAt.plusSeconds(600));
    }
}
