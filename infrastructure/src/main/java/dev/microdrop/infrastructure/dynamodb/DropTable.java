package dev.microdrop.infrastructure.dynamodb;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Creates the single table where no stack does (local runtime, tests). On AWS the CDK stack owns it; this
 * definition and the stack's must agree (pk/sk strings, on-demand, TTL on {@code expiresAt}, a stream with new and
 * old images, the index {@code gsi1}).
 */
public final class DropTable {

    public static final String TTL_ATTRIBUTE = "expiresAt";

    /**
     * A sparse index of a drop's orders: only order items carry {@code gsi1pk = DROP#<dropId>} and
     * {@code gsi1sk = <createdAt epoch millis, 13 digits>#<orderId>}, so the merchant views Query it instead of
     * scanning the table. It projects what an order row needs, and no e-mail or address.
     */
    public static final String ORDERS_BY_DROP_INDEX = "gsi1";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";

    /**
     * The shop's audience, listed without a scan: only subscribed members carry {@code gsi2pk = AUDIENCE#SUBSCRIBED}
     * and {@code gsi2sk = <buyerId>}. A drop's table never writes it; locally one table plays the shop's and the
     * drops', so every table this makes has it (the shop stack's table declares it too).
     */
    public static final String AUDIENCE_INDEX = "gsi2";
    public static final String GSI2_PK = "gsi2pk";
    public static final String GSI2_SK = "gsi2sk";
    public static final List<String> ORDERS_BY_DROP_PROJECTION = List.of("type", "orderId", "dropId", "buyerId",
            "status", "lines", "currency", "amount", "createdAt", "paidAt", "intentId", "refundReason", "kind");

    private static final Duration INDEX_WAIT = Duration.ofMinutes(1);

    private DropTable() {
    }

    public static void createIfMissing(DynamoDbClient dynamoDb, String table) {
        try {
            TableDescription existing = dynamoDb.describeTable(r -> r.tableName(table)).table();
            for (GlobalSecondaryIndex index : List.of(ordersByDrop(), audience())) {
                addIndexIfMissing(dynamoDb, table, existing, index);
            }
            return;
        } catch (ResourceNotFoundException absent) {
            // create it below
        }
        try {
            dynamoDb.createTable(r -> r.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName(TableKeys.PK).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(TableKeys.SK).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(GSI1_PK).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(GSI1_SK).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(GSI2_PK).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(GSI2_SK).attributeType(ScalarAttributeType.S).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName(TableKeys.PK).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(TableKeys.SK).keyType(KeyType.RANGE).build())
                    .globalSecondaryIndexes(ordersByDrop(), audience())
                    // The stream is the outbox's transport: every outbox item and counter change, before and after.
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        } catch (ResourceInUseException raced) {
            return;
        }
        dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(table));
        dynamoDb.updateTimeToLive(r -> r.tableName(table)
                .timeToLiveSpecification(t -> t.attributeName(TTL_ATTRIBUTE).enabled(true)));
    }

    private static GlobalSecondaryIndex ordersByDrop() {
        return GlobalSecondaryIndex.builder().indexName(ORDERS_BY_DROP_INDEX)
                .keySchema(KeySchemaElement.builder().attributeName(GSI1_PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(GSI1_SK).keyType(KeyType.RANGE).build())
                .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                        .nonKeyAttributes(ORDERS_BY_DROP_PROJECTION).build())
                .build();
    }

    private static GlobalSecondaryIndex audience() {
        return GlobalSecondaryIndex.builder().indexName(AUDIENCE_INDEX)
                .keySchema(KeySchemaElement.builder().attributeName(GSI2_PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(GSI2_SK).keyType(KeyType.RANGE).build())
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    /**
     * A table made before an index existed (the local runtime's kept data) gets it added. Items written before carry
     * no index keys, so what lists through the index does not list them.
     */
    private static void addIndexIfMissing(DynamoDbClient dynamoDb, String table, TableDescription existing,
            GlobalSecondaryIndex index) {
        String name = index.indexName();
        if (existing.hasGlobalSecondaryIndexes() && existing.globalSecondaryIndexes().stream()
                .anyMatch(i -> i.indexName().equals(name) && i.indexStatus() == IndexStatus.ACTIVE)) {
            return;
        }
        boolean adding = existing.hasGlobalSecondaryIndexes() && existing.globalSecondaryIndexes().stream()
                .anyMatch(i -> i.indexName().equals(name));
        if (!adding) {
            try {
                dynamoDb.updateTable(r -> r.tableName(table)
                        .attributeDefinitions(index.keySchema().stream().map(k -> AttributeDefinition.builder()
                                .attributeName(k.attributeName()).attributeType(ScalarAttributeType.S).build()).toList())
                        .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(name)
                                .keySchema(index.keySchema()).projection(index.projection()))));
            } catch (ResourceInUseException raced) {
                // another process is adding it: wait for it below
            }
        }
        // The index is built in the background; Queries on it fail until it is active.
        long deadline = System.nanoTime() + INDEX_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            boolean active = dynamoDb.describeTable(r -> r.tableName(table)).table().globalSecondaryIndexes().stream()
                    .anyMatch(i -> i.indexName().equals(name) && i.indexStatus() == IndexStatus.ACTIVE);
            if (active) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while index " + name + " was built", e);
            }
        }
        throw new IllegalStateException("index " + name + " of " + table + " did not become active in "
                + INDEX_WAIT.toSeconds() + " s");
    }
}
