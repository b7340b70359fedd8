package dev.microdrop.core.waitlist;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.DropStatus;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.stock.Access;
import dev.microdrop.core.stock.HoldAsk;
import dev.microdrop.core.stock.HoldPlanner;
import dev.microdrop.core.stock.PlannedHold;
import dev.microdrop.core.stock.StockPools;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Offers units that came back (an expired or cancelled hold, a refund, a new wave) to the buyers waiting for
 * them, in order. A claim is an ordinary hold for the buyer, made through the same conditional write as any
 * checkout (under a key derived from the entry, so an offer repeated after a crash holds once), held for the
 * drop's hold duration. An unredeemed claim expires like any hold; its units come back, and the next buyer is
 * offered them.
 *
 * <p>When the line ends empty (the pass looked at fewer than its batch, every one of them left the line, and nothing
 * stopped it early) and units are still on sale to everyone, read again after the claims, the SKU is
 * {@link DomainEvent.BackInStock back in stock}: the shop may tell its audience, and no one waiting is passed over.
 */
public final class WaitlistClaimsService {

    /** How many waiting buyers one pass looks at; the next units-back event continues the line. */
    private static final int BATCH = 25;

    private final Waitlist waitlist;
    private final HoldPlanner planner;
    private final DropReader drops;
    private final OrderIds orderIds;
    private final Clock clock;

    public WaitlistClaimsService(Waitlist waitlist, HoldPlanner planner, DropReader drops, OrderIds orderIds, Clock clock) {
        this.waitlist = waitlist;
        this.planner = planner;
        this.drops = drops;
        this.orderIds = orderIds;
        this.clock = clock;
    }

    /** @return how many claims were offered; a back-in-stock it writes is named after the SKU's counters */
    public int offer(String dropId, String sku) {
        return offer(dropId, sku, null);
    }

    /**
     * Offers the units that {@code cause} (the units-back event's id) brought back; a back-in-stock it writes is
     * named after that event, so a redelivered event writes it once, and each event that brings units back, in this
     * sold-out episode or a later one, writes its own.
     *
     * @return how many claims were offered
     */
    public int offer(String dropId, String sku, String cause) {
        Optional<DropSnapshot> snapshot = drops.read(dropId);
        if (snapshot.isEmpty() || snapshot.get().drop().sku(sku).isEmpty()) {
            return 0;
        }
        Drop drop = snapshot.get().drop();
        Sku item = drop.sku(sku).orElseThrow();
        int offered = 0;
        List<WaitlistEntry> line = waitlist.waiting(dropId, sku, BATCH);
        boolean someoneStillWaits = line.size() == BATCH;
        for (WaitlistEntry entry : line) {
            Instant now = clock.instant();
            if (StockPools.unservable(drop, entry.fulfilment(), sku)) {
                waitlist.skip(entry, "no hub that serves the buyer holds " + sku);
                continue;
            }
            PlannedHold result = planner.hold(new HoldAsk(claimOrder(drop, item, entry, now), key(entry), "waitlist",
                    now, Access.everyone()), snapshot.get(), HoldPlanner.StockMemory.NONE);
            switch (result) {
                case PlannedHold.Held held -> offered += record(entry, held.order(), now);
                case PlannedHold.SoldOut ignored -> {
                    if (!item.splitByHub()) {
                        return offered; // nothing left for the next in line either
                    }
                    // Nothing at this buyer's hub; the next in line may collect or ship elsewhere.
                    someoneStillWaits = true;
                }
                case PlannedHold.NotOpen ignored -> {
                    return offered;
                }
                case PlannedHold.Paused ignored -> {
                    return offered; // the line keeps waiting; DropResumed offers the units again
                }
                case PlannedHold.InsidersOnly ignored -> {
                    return offered; // insiders only for now; the next units-back event offers again
                }
                case PlannedHold.AccessRefused ignored -> {
                    return offered; // (a claim brings no token: insiders only for now, as above)
                }
                case PlannedHold.Contended ignored -> {
                    return offered; // the next units-back event retries
                }
                case PlannedHold.OverLimit ignored -> waitlist.skip(entry, "the buyer's limit is reached");
                case PlannedHold.KeyReused ignored -> waitlist.skip(entry, "claim key already used");
                case PlannedHold.SlotFull ignored -> waitlist.skip(entry, "the pickup slot is full");
            }
        }
        if (!someoneStillWaits) {
            backInStock(dropId, item, cause);
        }
        return offered;
    }

    /** The units left once the line is served, read again: on sale to everyone, the event; else nothing. */
    private void backInStock(String dropId, Sku sku, String cause) {
        Optional<DropSnapshot> fresh = drops.read(dropId);
        if (fresh.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        DropSnapshot snapshot = fresh.get();
        Optional<StockLevel> level = snapshot.stockOf(sku.sku());
        if (level.isEmpty() || level.get().available() <= 0 || snapshot.paused()
                || snapshot.drop().statusAt(now) != DropStatus.OPEN || snapshot.inFlashWindow(sku.sku(), now)) {
            return;
        }
        StockLevel counters = level.get();
        // Named after what brought the units back: counters alone can repeat across episodes (a unit held, sold
        // out, the hold expired: the same counters again), and a repeated id is a repeat, never a new episode.
        String source = cause != null ? cause
                : counters.released() + "_" + counters.held() + "_" + counters.sold();
        waitlist.backInStock(new DomainEvent.BackInStock("evt_backinstock_" + dropId + "_" + sku.sku() + "_"
                + source, now, dropId, sku.sku(),
                sku.productName(), sku.variantName(), counters.available()));
    }

    private int record(WaitlistEntry entry, Order order, Instant now) {
        return waitlist.offered(entry, order, new DomainEvent.WaitlistClaimOffered("evt_" + order.orderId()
                + "_WaitlistClaimOffered", now, entry.dropId(), entry.sku(), order.orderId(), entry.buyerId().value(),
                order.holdExpiresAt())) ? 1 : 0;
    }

    private Order claimOrder(Drop drop, Sku sku, WaitlistEntry entry, Instant now) {
        OrderLine line = new OrderLine(sku.sku(), entry.quantity(), sku.price());
        return new Order(orderIds.next(now), drop.dropId(), entry.buyerId(), entry.buyerEmail(), List.of(line),
                line.total(), entry.fulfilment(), OrderStatus.HELD, now, now.plus(drop.holdDuration()));
    }

    /** One claim per entry, ever: an offer retried after a crash replays the same hold. */
    static String key(WaitlistEntry entry) {
        return "waitlist-" + entry.sku() + "-" + entry.buyerId().value() + "-" + entry.joinedAt().toEpochMilli();
    }
}
