package dev.microdrop.core.waitlist;

import dev.microdrop.core.order.Order;
import dev.microdrop.core.testing.InMemoryWaitlist;

/** The in-memory waitlist keeps the port's promises ({@link WaitlistContract}); DynamoDbWaitlist runs the same. */
class InMemoryWaitlistTest extends WaitlistContract {

    @Override
    protected Waitlist waitlist() {
        return new InMemoryWaitlist();
    }

    @Override
    protected void orderExists(Order order) {
    }

    @Override
    protected String dropId() {
        return "contract-drop";
    }
}
