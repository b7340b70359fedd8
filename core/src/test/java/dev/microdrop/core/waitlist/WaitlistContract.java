package dev.microdrop.core.waitlist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the {@link Waitlist} port promises, run against each of them (in memory for the
 * core's unit tests, on DynamoDB Local for the adapter), so a fast test of the core cannot pass on behaviour the
 * table would not have.
 */
public abstract class WaitlistContract {

    private static final BuyerIds BUYERS = new BuyerIds("contract-key-contract".getBytes(StandardCharsets.UTF_8));
    private static final Instant AT = Instant.parse("2026-12-02T18:00:00Z");

    private Waitlist waitlist;

    /** A fresh, empty waitlist. */
    protected abstract Waitlist waitlist();

    /** Makes {@code order} readable where the implementation reads claimed orders from (a no-op in memory). */
    protected abstract void orderExists(Order order);

    protected abstract String dropId();

    /** The ids of the events the implementation wrote (its outbox), in no particular order. */
    protected abstract List<String> eventsWritten();

    @BeforeEach
    void fresh() {
        waitlist = waitlist();
    }

    @Test
    void backInStock_writesItsEventOnce_theSameEventAgainWritesNothing() {
        DomainEvent.BackInStock back = new DomainEvent.BackInStock("evt_backinstock_" + dropId() + "_A_10_0_7", AT,
                dropId(), "A", "Runner", "EU 42", 3);

        waitlist.backInStock(back);
        waitlist.backInStock(back);

        assertThat(eventsWritten()).containsOnlyOnce(back.eventId());
    }

    @Test
    void aBuyerWaitsOncePerSku_evenJoiningAgainLater() {
        assertThat(waitlist.join(entry("ada", "A", 0))).isTrue();
        assertThat(waitlist.join(entry("ada", "A", 5))).isFalse();
        assertThat(waitlist.join(entry("ada", "B", 5))).as("another SKU").isTrue();

        assertThat(waitlist.waiting(dropId(), "A", 10)).extracting(WaitlistEntry::joinedAt).containsExactly(AT);
    }

    @Test
    void theLineIsInTheOrderBuyersJoined_perSku_upToTheLimit() {
        waitlist.join(entry("cy", "A", 30));
        waitlist.join(entry("ada", "A", 10));
        waitlist.join(entry("bob", "A", 20));
        waitlist.join(entry("dee", "B", 5));

        assertThat(waitlist.waiting(dropId(), "A", 10)).extracting(WaitlistEntry::buyerEmail)
                .containsExactly("ada@example.com", "bob@example.com", "cy@example.com");
        assertThat(waitlist.waiting(dropId(), "A", 2)).hasSize(2);
        assertThat(waitlist.waiting(dropId(), "B", 10)).extracting(WaitlistEntry::buyerEmail)
                .containsExactly("dee@example.com");
    }

    @Test
    void anEntryIsOfferedOnce_leavesTheLine_andItsClaimNamesTheOrder() {
        WaitlistEntry ada = entry("ada", "A", 0);
        waitlist.join(ada);
        Order order = order(ada);
        orderExists(order);
        assertThat(waitlist.claim(dropId(), ada.buyerId().value())).isEmpty();

        assertThat(waitlist.offered(ada, order, event(order, ada))).isTrue();
        assertThat(waitlist.offered(ada, order, event(order, ada))).isFalse();

        assertThat(waitlist.waiting(dropId(), "A", 10)).isEmpty();
        assertThat(waitlist.claim(dropId(), ada.buyerId().value())).map(Order::orderId).contains(order.orderId());
    }

    @Test
    void aSkippedEntry_leavesTheLine_cannotBeOffered_andTheBuyerDoesNotJoinAgain() {
        WaitlistEntry ada = entry("ada", "A", 0);
        waitlist.join(ada);
        waitlist.join(entry("bob", "A", 1));

        waitlist.skip(ada, "the buyer's limit is reached");

        assertThat(waitlist.waiting(dropId(), "A", 10)).extracting(WaitlistEntry::buyerEmail)
                .containsExactly("bob@example.com");
        Order order = order(ada);
        assertThat(waitlist.offered(ada, order, event(order, ada))).isFalse();
        assertThat(waitlist.join(entry("ada", "A", 2))).isFalse();
    }

    private WaitlistEntry entry(String buyer, String sku, int secondsAfter) {
        String email = buyer + "@example.com";
        return new WaitlistEntry(dropId(), sku, BUYERS.of(email), email, 1, new Fulfilment.Pickup("hub"),
                AT.plusSeconds(secondsAfter));
    }

    private Order order(WaitlistEntry entry) {
        return new Order(new OrderIds().next(AT), dropId(), entry.buyerId(), entry.buyerEmail(),
                List.of(new OrderLine(entry.sku(), 1, Money.of(900, "EUR"))), Money.of(900, "EUR"),
                entry.fulfilment(), OrderStatus.HELD, AT, AT.plusSeconds(600));
    }

    private static DomainEvent.WaitlistClaimOffered event(Order order, WaitlistEntry entry) {
        return new DomainEvent.WaitlistClaimOffered(order.eventId("WaitlistClaimOffered"), AT, entry.dropId(),
                entry.sku(), order.orderId(), entry.buyerId().value(), order.holdExpiresAt());
    }
}
