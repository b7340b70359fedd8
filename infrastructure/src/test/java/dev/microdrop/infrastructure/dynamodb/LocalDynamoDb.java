package dev.microdrop.infrastructure.dynamodb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * DynamoDB Local, embedded in the test JVM: the real emulator, not a fake. One instance per JVM (it starts in
 * about half a second); each test gets its own freshly created table, so tests never see each other's items.
 */
public final class LocalDynamoDb {

    private static AmazonDynamoDBLocal embedded;

    private LocalDynamoDb() {
    }

    public static synchronized DynamoDbClient client() {
        if (embedded == null) {
            embedded = DynamoDBEmbedded.create();
            Runtime.getRuntime().addShutdownHook(new Thread(embedded::shutdown));
        }
        return embedded.dynamoDbClient();
    }

    /** The streams client of the same embedded instance: the outbox's transport. */
    public static synchronized software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient streams() {
        client();
        return embedded.dynamoDbStreamsClient();
    }

    /** A new, empty table with microdrop's schema. */
    public static String newTable() {
        String table = "microdrop-test-" + UUID.randomUUID();
        DropTable.createIfMissing(client(), table);
        return table;
    }

    /** Every item of the table, in key order: compare two of these to prove nothing changed. */
    public static List<Map<String, AttributeValue>> scan(String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(
                client().scanPaginator(r -> r.tableName(table).consistentRead(true)).items().stream().toList());
        items.sort(Comparator.comparing((Map<String, AttributeValue> i) -> i.get("pk").s())
                .thenComparing(i -> i.get("sk").s()));
        return items;
    }
}
