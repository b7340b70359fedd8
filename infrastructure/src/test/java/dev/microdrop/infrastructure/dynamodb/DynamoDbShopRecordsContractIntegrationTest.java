package dev.microdrop.infrastructure.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.shop.Notified;
import dev.microdrop.core.shop.ShopRecords;
import dev.microdrop.core.shop.ShopRecordsContract;
import dev.microdrop.core.shop.SurveyAnswer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shop records' contract, against {@link DynamoDbShopRecords} on DynamoDB Local; and what its items hold. */
class DynamoDbShopRecordsContractIntegrationTest extends ShopRecordsContract {

    private static final BuyerId ADA = new BuyerId("b_0123456789abcdef0123456789abcdef");

    private final String table = LocalDynamoDb.newTable();

    @Override
    protected ShopRecords records() {
        return new DynamoDbShopRecords(LocalDynamoDb.client(), table);
    }

    @Test
    void events_areReadPageAfterPage_withQueriesOnly() {
        CountingDynamoDb counting = new CountingDynamoDb(LocalDynamoDb.client());
        DynamoDbShopRecords records = new DynamoDbShopRecords(counting.client(), table, 2);
        List<DomainEvent> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(new DomainEvent.OrderShipped("evt_ord_" + i + "_OrderShipped", AT.plusSeconds(i), "d1",
                    "ord_" + i, ADA.value(), "DHL"));
        }
        events.forEach(records::append);

        assertThat(records.events()).containsExactlyInAnyOrderElementsOf(events);
        // 12 items over 4 buckets, 2 a page: more Queries than buckets, and nothing else read the table.
        assertThat(counting.calls("query")).isGreaterThan(TableKeys.SHOP_BUCKETS + 1);
        assertThat(counting.reads()).isEqualTo(counting.calls("query"));
    }

    @Test
    void items_holdIdsAndTheEventsDetail_neverAnAddress() {
        ShopRecords records = records();
        DomainEvent paid = new DomainEvent.OrderPaid("evt_ord_1_OrderPaid", AT, "d1", "ord_1", ADA.value(),
                List.of(new DomainEvent.Line("NR-42", 1)), 13_800, "EUR", "ship", false);
        records.append(paid);
        records.notified(new Notified(ADA, "d1", AT));
        records.answer(new SurveyAnswer("d1", ADA, 9, AT));

        List<String> kinds = LocalDynamoDb.scan(table).stream().map(item -> item.get("type").s() + " "
                + item.get("pk").s().replaceAll("#\\d$", "#n") + " " + item.get("sk").s()).toList();
        assertThat(kinds).containsExactlyInAnyOrder(
                "ShopEvent SHOP_EVENTS#n evt_ord_1_OrderPaid",
                "ShopNotice SHOP_NOTICES#n d1#" + ADA.value(),
                "SurveyAnswer SHOP_SURVEY#n d1#" + ADA.value());
        assertThat(LocalDynamoDb.scan(table)).filteredOn(item -> item.get("type").s().equals("ShopEvent"))
                .singleElement().satisfies(item -> {
                    assertThat(item.get("detailType").s()).isEqualTo("OrderPaid");
                    assertThat(item.get("dropId").s()).isEqualTo("d1");
                    assertThat(item.get("occurredAt").s()).isEqualTo(AT.toString());
                    assertThat(item.keySet()).containsExactlyInAnyOrder("pk", "sk", "type", "eventId", "dropId",
                            "detailType", "detail", "occurredAt");
                });
    }

    @Test
    void aNoticeWithoutItsTime_readsBackWithout() {
        ShopRecords records = records();
        records.notified(new Notified(ADA, "d1", null));

        assertThat(records.notified()).containsExactly(new Notified(ADA, "d1", null));
    }
}
