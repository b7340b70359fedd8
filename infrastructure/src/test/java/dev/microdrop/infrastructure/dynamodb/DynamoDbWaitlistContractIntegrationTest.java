package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.order.Order;
import dev.microdrop.core.waitlist.Waitlist;
import dev.microdrop.core.waitlist.WaitlistContract;
import java.time.Instant;
import java.util.List;

/** DynamoDbWaitlist on DynamoDB Local keeps the same promises as the core's in-memory waitlist. */
class DynamoDbWaitlistContractIntegrationTest extends WaitlistContract {

    private String table;

    @Override
    protected Waitlist waitlist() {
        table = TestDrops.seeded(TestDrops.open(Instant.now(), 2, 10, "A", "B"), Instant.now());
        return new DynamoDbWaitlist(LocalDynamoDb.client(), table);
    }

    @Override
    protected void orderExists(Order order) {
        LocalDynamoDb.client().putItem(r -> r.tableName(table).item(OrderItems.order(order, "contract-" + order.orderId())));
    }

    @Override
    protected List<String> eventsWritten() {
        return LocalDynamoDb.scan(table).stream().filter(i -> OutboxItems.TYPE.equals(Attributes.string(i, DropItems.TYPE)))
                .map(i -> Attributes.string(i, "eventId")).toList();
    }

    @Override
    protected String dropId() {
        return TestDrops.DROP;
    }
}
