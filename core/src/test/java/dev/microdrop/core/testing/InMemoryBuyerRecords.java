package dev.microdrop.core.testing;

import dev.microdrop.core.audience.BuyerErasure;
import dev.microdrop.core.audience.BuyerRecords;
import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One drop table's {@link BuyerRecords} and {@link BuyerErasure} in memory, over the in-memory table, waitlist and
 * fulfilment records. {@code BuyerRecordsContract} runs the same cases against this and {@code DynamoDbBuyerErasure}.
 */
public final class InMemoryBuyerRecords implements BuyerRecords, BuyerErasure {

    private final String store;
    private final InMemoryTable table;
    private final InMemoryWaitlist waitlist;
    private final InMemoryFulfilmentRecords tasks;

    public InMemoryBuyerRecords(String store, InMemoryTable table, InMemoryWaitlist waitlist,
            InMemoryFulfilmentRecords tasks) {
        this.store = store;
        this.table = table;
        this.waitlist = waitlist;
        this.tasks = tasks;
    }

    @Override
    public Kept export(BuyerId buyer) {
        return new Kept(store, table.ordersOf(buyer), waitlist.placesOf(buyer), table.passesOf(buyer).entrySet()
                .stream().map(e -> new InsiderPass(e.getKey(), e.getValue())).toList());
    }

    @Override
    public Erased erase(BuyerId buyer, Instant at) {
        int orders = 0;
        int tickets = 0;
        for (Order order : table.ordersOf(buyer)) {
            if (order.buyerEmail() != null || order.fulfilment() instanceof Fulfilment.Ship ship
                    && !ship.address().isErased()) {
                table.put(order.withoutPersonalData());
                orders++;
            }
            if (tasks.eraseShipTo(order.orderId())) {
                tickets++;
            }
        }
        int places = waitlist.erase(buyer);
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put(ORDERS, orders);
        counts.put(PICK_TICKETS, tickets);
        counts.put(WAITLIST_PLACES, places);
        return new Erased(store, counts);
    }
}
