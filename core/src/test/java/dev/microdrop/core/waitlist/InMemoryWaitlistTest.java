package dev.microdrop.core.waitlist;

import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.testing.InMemoryWaitlist;
import java.util.List;

/** The in-memory waitlist keeps the port's promises ({@link WaitlistContract}); DynamoDbWaitlist runs the same. */
class InMemoryWaitlistTest extends WaitlistContract {

    private InMemoryWaitlist waitlist;

    @Override
    protected Waitlist waitlist() {
        waitlist = new InMemoryWaitlist();
        return waitlist;
    }

    @Override
    protected List<String> eventsWritten() {
        return waitlist.events().stream().map(DomainEvent::eventId).toList();
    }

    @Override
    protected void orderExists(Order order) {
    }

    @Override
    protected String dropId() {
        return "contract-drop";
    }
}
