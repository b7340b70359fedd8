package dev.microdrop.infrastructure.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.audience.BuyerErasure;
import dev.microdrop.core.audience.BuyerRecordsContract;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.infrastructure.fulfilment.DynamoDbFulfilmentRecords;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDbBuyerErasure on DynamoDB Local keeps the buyer records' contract; and after an erasure no item of the table
 * holds the address, the name or the street, while the ledger, the counters and the buyer's totals are unchanged.
 */
class DynamoDbBuyerErasureContractIntegrationTest extends BuyerRecordsContract {

    private String table;

    @Override
    protected Store store(Drop drop) {
        table = TestDrops.seeded(drop, NOW);
        DynamoDbBuyerErasure records = new DynamoDbBuyerErasure(LocalDynamoDb.client(), table);
        return new Store(records, records, order -> LocalDynamoDb.client().putItem(r -> r.tableName(table)
                .item(OrderItems.order(order, "contract-" + order.orderId()))),
                new DynamoDbWaitlist(LocalDynamoDb.client(), table),
                new DynamoDbFulfilmentRecords(LocalDynamoDb.client(), table),
                new DynamoDbMerchantViews(LocalDynamoDb.client(), table));
    }

    @Test
    void erase_thenNoItemHoldsTheAddressOrTheStreet_andWhatTheBooksNeedIsUnchanged() {
        Store store = seeded();
        Map<String, Map<String, AttributeValue>> before = scan();

        BuyerErasure.Erased erased = store.erasure().erase(ADA, NOW.plusSeconds(60));

        assertThat(erased.total()).isEqualTo(4);
        Map<String, Map<String, AttributeValue>> after = scan();
        assertThat(after.toString()).doesNotContain("ada@example.com").contains("grace@example.com");
        assertThat(after.values().stream().filter(item -> !item.containsKey("erasedAt")).toList().toString())
                .contains("Ada Lovelace");
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (String key : before.keySet()) {
            Map<String, AttributeValue> was = before.get(key);
            Map<String, AttributeValue> is = after.get(key);
            if (!is.containsKey("erasedAt")) {
                assertThat(is).as(key).isEqualTo(was);
                continue;
            }
            assertThat(is.toString()).as(key).doesNotContain("Ada Lovelace").doesNotContain("Ockham")
                    .doesNotContain("E1 6AN").doesNotContain("London").doesNotContain("Flat 3");
            for (String kept : List.of("amount", "lines", "currency", "buyerId", "quantity", "orderId")) {
                assertThat(is.get(kept)).as(key + " " + kept).isEqualTo(was.get(kept));
            }
        }
    }

    private Map<String, Map<String, AttributeValue>> scan() {
        return LocalDynamoDb.client().scanPaginator(r -> r.tableName(table).consistentRead(true)).items().stream()
                .collect(Collectors.toMap(item -> item.get("pk").s() + "|" + item.get("sk").s(), item -> item));
    }
}
