package dev.microdrop.infrastructure.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Creates the single table where no stack does (local runtime, tests). On AWS the CDK stack owns it; this
 * definition and the stack's must agree (pk/sk strings, on-demand, TTL on {@code expiresAt}, a stream with new and
 * old images).
 */
public final class DropTable {

    public static final String TTL_ATTRIBUTE = "expiresAt";

    private DropTable() {
    }

    public static void createIfMissing(DynamoDbClient dynamoDb, String table) {
        try {
            dynamoDb.describeTable(r -> r.tableName(table));
            return;
        } catch (ResourceNotFoundException absent) {
            // create it below
        }
        try {
            dynamoDb.createTable(r -> r.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName(TableKeys.PK).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(TableKeys.SK).attributeType(ScalarAttributeType.S).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName(TableKeys.PK).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(TableKeys.SK).keyType(KeyType.RANGE).build())
                    // The stream is the outbox's transport: every outbox item and counter change, before and after.
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        } catch (ResourceInUseException raced) {
            return;
        }
        dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(table));
        dynamoDb.updateTimeToLive(r -> r.tableName(table)
                .timeToLiveSpecification(t -> t.attributeName(TTL_ATTRIBUTE).enabled(true)));
    }
}
