package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.DropSummary;
import dev.microdrop.core.drop.StockLevel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Reads a drop and all its SKU counters with one Query on the drop's partition. */
public final class DynamoDbDropReader implements DropReader {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public DynamoDbDropReader(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Optional<DropSnapshot> read(String dropId) {
        Map<String, AttributeValue> meta = null;
        List<Map<String, AttributeValue>> skus = new ArrayList<>();
        Map<String, Integer> seatsLeft = new HashMap<>();
        // One request per page; a drop's META and SKU items fit one 1 MB page unless it sells thousands of SKUs.
        for (Map<String, AttributeValue> item : dynamoDb.queryPaginator(QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", TableKeys.dropPartition(dropId)))
                .build()).items()) {
            String sk = item.get(TableKeys.SK).s();
            if (sk.equals(TableKeys.META)) {
                meta = item;
            } else if (sk.startsWith(TableKeys.SKU_PREFIX)) {
                skus.add(item);
            } else if (sk.startsWith(TableKeys.SLOT_PREFIX)) {
                seatsLeft.put(item.get("hubId").s() + "#" + item.get("slotId").s(),
                        Attributes.integer(item, "seats") - Attributes.integer(item, "taken"));
            }
        }
        if (meta == null) {
            return Optional.empty();
        }
        skus.sort(Comparator.comparing(i -> i.get(TableKeys.SK).s()));
        Drop drop = DropItems.drop(meta, skus);
        Map<String, StockLevel> stock = new HashMap<>();
        Map<String, java.time.Instant> flashUntil = new HashMap<>();
        skus.forEach(i -> stock.put(i.get("sku").s(), DropItems.stock(i)));
        skus.stream().filter(i -> DropItems.flashUntil(i) != null)
                .forEach(i -> flashUntil.put(i.get("sku").s(), DropItems.flashUntil(i)));
        return Optional.of(new DropSnapshot(drop, stock, clock.instant(), seatsLeft, DropItems.paused(meta),
                flashUntil));
    }

    @Override
    public List<DropSummary> list() {
        List<DropSummary> drops = new ArrayList<>();
        dynamoDb.queryPaginator(QueryRequest.builder()
                        .tableName(table)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableKeys.DIRECTORY)))
                        .build())
                .items().forEach(i -> drops.add(DropItems.summary(i)));
        drops.sort(Comparator.comparing(DropSummary::opensAt).thenComparing(DropSummary::dropId));
        return drops;
    }
}
