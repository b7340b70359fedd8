package dev.microdrop.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.fulfilment.FulfilmentTask;
import dev.microdrop.core.order.Address;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.fulfilment.DynamoDbFulfilmentRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The fulfilment adapter against DynamoDB Local: the item it writes, and its one condition for the case it allows
 * and the case it refuses. Its natural home is infrastructure's tests, next to DynamoDbInventoryIntegrationTest;
 * it sits with its only user until it moves there.
 */
class DynamoDbFulfilmentRecordsIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Address ADA = new Address("Ada Lovelace", "Invalidenstrasse 1", null, "Berlin", "10115", "DE");
    private static final List<FulfilmentTask.Line> LINES = List.of(new FulfilmentTask.Line("NR-42", 2),
            new FulfilmentTask.Line("NR-43", 1));

    private String table;
    private DynamoDbFulfilmentRecords records;

    @BeforeEach
    void newTable() {
        table = LocalDynamoDb.newTable();
        records = new DynamoDbFulfilmentRecords(LocalDynamoDb.client(), table);
    }

    @Test
    void taskAbsent_isTheDocumentedConditionText() {
        assertThat(DynamoDbFulfilmentRecords.TASK_ABSENT).isEqualTo("attribute_not_exists(pk)");
    }

    @Test
    void recordOnce_whenOrderHasNoTask_thenWritesOneItemKeyedByOrder() {
        FulfilmentTask ticket = new FulfilmentTask.PickTicket("ord_1", "neon-runners", LINES, ADA, NOW);

        assertThat(records.recordOnce(ticket)).isTrue();

        assertThat(LocalDynamoDb.scan(table)).singleElement().satisfies(item -> {
            assertThat(item.get("pk").s()).isEqualTo("FULFIL#ord_1");
            assertThat(item.get("sk").s()).isEqualTo("TASK");
            assertThat(item.get("type").s()).isEqualTo("PickTicket");
            assertThat(item.get("orderId").s()).isEqualTo("ord_1");
            assertThat(item.get("dropId").s()).isEqualTo("neon-runners");
            assertThat(item.get("createdAt").s()).isEqualTo("2026-11-22T10:00:00Z");
            assertThat(item.get("lines").l()).extracting(l -> l.m().get("sku").s()).containsExactly("NR-42", "NR-43");
            assertThat(item.get("shipTo").m()).containsEntry("city", AttributeValue.fromS("Berlin"))
                    .doesNotContainKey("line2");
        });
        assertThat(records.find("ord_1")).contains(ticket);
    }

    @Test
    void recordOnce_whenOrderAlreadyHasItsTask_thenFalseAndTheFirstTaskIsUnchanged() {
        FulfilmentTask first = new FulfilmentTask.PickupNotice("ord_1", "neon-runners", LINES, "hub-one", null, NOW);
        records.recordOnce(first);
        List<Map<String, AttributeValue>> before = LocalDynamoDb.scan(table);

        boolean second = records.recordOnce(new FulfilmentTask.PickTicket("ord_1", "neon-runners", LINES, ADA,
                NOW.plusSeconds(30)));

        assertThat(second).isFalse();
        assertThat(LocalDynamoDb.scan(table)).isEqualTo(before);
        assertThat(records.find("ord_1")).contains(first);
    }

    @Test
    void recordOnce_whenDeliveriesRace_thenExactlyOneRecords() throws Exception {
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Instant at = NOW.plusMillis(i);
                results.add(pool.submit(() -> {
                    start.await();
                    return records.recordOnce(new FulfilmentTask.PickupNotice("ord_race", "neon-runners", LINES,
                            "hub-one", null, at));
                }));
            }
            start.countDown();
            List<Boolean> recorded = new ArrayList<>();
            for (Future<Boolean> result : results) {
                recorded.add(result.get(10, TimeUnit.SECONDS));
            }

            assertThat(recorded).containsOnlyOnce(true);
            assertThat(LocalDynamoDb.scan(table)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void recordOnce_pickupNoticeWithoutSlot_roundTripsWithoutASlotAttribute() {
        FulfilmentTask notice = new FulfilmentTask.PickupNotice("ord_2", "neon-runners", LINES, "hub-one", null, NOW);

        records.recordOnce(notice);

        assertThat(LocalDynamoDb.scan(table)).singleElement().satisfies(item -> {
            assertThat(item.get("type").s()).isEqualTo("PickupNotice");
            assertThat(item.get("hubId").s()).isEqualTo("hub-one");
            assertThat(item).doesNotContainKeys("slot", "shipTo");
        });
        assertThat(records.find("ord_2")).contains(notice);
    }

    @Test
    void find_whenOrderHasNoTask_thenEmpty() {
        assertThat(records.find("ord_none")).isEmpty();
    }
}
