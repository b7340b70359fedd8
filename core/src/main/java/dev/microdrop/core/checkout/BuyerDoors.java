package dev.microdrop.core.checkout;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.CachedDropReader;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.payment.PaymentProvider;
import dev.microdrop.core.stock.Contention;
import dev.microdrop.core.stock.HoldPlanner;
import dev.microdrop.core.stock.Inventory;
import dev.microdrop.core.waitlist.Waitlist;
import java.time.Clock;

/** The buyer's three doors, one use case each, over one set of ports: what the checkout function serves. */
public record BuyerDoors(CheckoutUseCase checkout, WaitlistUseCase waitlist, PreorderUseCase preorders) {

    /**
     * @param buyerIdKey the key buyer ids and access tokens are derived with (the same e-mail is the same buyer)
     */
    public static BuyerDoors of(CachedDropReader drops, Inventory inventory, Waitlist waitlist,
            PaymentProvider payments, byte[] buyerIdKey, Contention contention, Clock clock) {
        BuyerIds buyerIds = new BuyerIds(buyerIdKey);
        OrderIds orderIds = new OrderIds();
        return new BuyerDoors(
                new CheckoutService(drops, inventory, new HoldPlanner(inventory, contention), buyerIds, orderIds,
                        payments, new AccessTokens(buyerIdKey), waitlist, clock),
                new JoinWaitlistService(drops, buyerIds, waitlist, clock),
                new PreorderService(drops, inventory, contention, buyerIds, orderIds, payments, clock));
    }
}
