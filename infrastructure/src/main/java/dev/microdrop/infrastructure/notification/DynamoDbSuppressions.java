package dev.microdrop.infrastructure.notification;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.notification.Suppressions;
import dev.microdrop.infrastructure.dynamodb.TableKeys;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Suppressed addresses in the drop's table, keyed by the address's buyer id (the deployment's HMAC of the
 * normalised address), never the address:
 *
 * <pre>
 * pk = SUPPRESSED#&lt;buyerId&gt;   sk = SUPPRESSION   type = Suppression   reason, suppressedAt (ISO). No TTL.
 * </pre>
 *
 * Nothing writes them in this slice but tests and operators: the shop-wide audience will record SES's bounces and
 * complaints here (or in its own table). SES's account-level suppression list protects the sender meanwhile.
 */
public final class DynamoDbSuppressions implements Suppressions {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final BuyerIds ids;
    private final Clock clock;

    public DynamoDbSuppressions(DynamoDbClient dynamoDb, String table, BuyerIds ids, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Optional<String> reason(String recipient) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table)
                .key(TableKeys.suppression(ids.of(recipient))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        // An item without a reason is an older suppression: treated as the strongest, a bounce.
        return Optional.of(item.containsKey("reason") ? item.get("reason").s() : "bounce");
    }

    @Override
    public void suppress(String recipient, String reason) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.suppression(ids.of(recipient)));
        item.put("type", AttributeValue.fromS("Suppression"));
        item.put("reason", AttributeValue.fromS(reason));
        item.put("suppressedAt", AttributeValue.fromS(clock.instant().toString()));
        dynamoDb.putItem(r -> r.tableName(table).item(item));
    }
}
