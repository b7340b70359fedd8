package dev.microdrop.core.checkout;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.CachedDropReader;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.DropStatus;
import dev.microdrop.core.stock.StockPools;
import dev.microdrop.core.waitlist.Waitlist;
import dev.microdrop.core.waitlist.WaitlistEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /waitlist}: a buyer who met "sold out" waits for one SKU, with the fulfilment they chose; when units
 * come back they are offered a claim, in order of joining (the waitlist-claims function does that).
 */
public final class JoinWaitlistService implements WaitlistUseCase {

    private final CachedDropReader drops;
    private final BuyerIds buyerIds;
    private final Waitlist waitlist;
    private final Clock clock;

    public JoinWaitlistService(CachedDropReader drops, BuyerIds buyerIds, Waitlist waitlist, Clock clock) {
        this.drops = drops;
        this.buyerIds = buyerIds;
        this.waitlist = waitlist;
        this.clock = clock;
    }

    @Override
    public WaitlistOutcome joinWaitlist(CheckoutCommand command) {
        Instant now = clock.instant();
        BuyerRequests.Checked checked = BuyerRequests.checked(drops, command, command.lines().size() == 1 ? List.of()
                : List.of(new Violation("/lines", "a waitlist place is for one SKU: send one line")));
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        DropSnapshot snapshot = checked.snapshot();
        Drop drop = snapshot.drop();
        if (drop.statusAt(now) == DropStatus.CLOSED) {
            return new Answers.DropNotOpen(drop.opensAt(), drop.closesAt(), now);
        }
        RequestedLine line = command.lines().getFirst();
        if (command.units() > drop.perBuyerLimit()) {
            return new Answers.LimitReached(drop.perBuyerLimit(), 0, command.units());
        }
        int available = StockPools.availableFor(drop, command.fulfilment(), line.sku(), snapshot::stockOf);
        if (drop.statusAt(now) == DropStatus.OPEN && !snapshot.paused() && !snapshot.inFlashWindow(line.sku(), now)
                && available >= line.quantity()) {
            // A place in line for what the buyer can take now would only delay them; the cache may be a moment
            // old, so a unit just sold may still show here: checking out then answers sold-out, and they join.
            return new WaitlistOutcome.InStock(line.sku(), available);
        }
        boolean joined = waitlist.join(new WaitlistEntry(drop.dropId(), line.sku(), buyerIds.of(command.buyerEmail()),
                command.buyerEmail(), line.quantity(), command.fulfilment(), now));
        return new WaitlistOutcome.Waitlisted(line.sku(), !joined);
    }
}
