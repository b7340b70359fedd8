package dev.microdrop.core.merchant;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.AccessTokens;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.fulfilment.HandoverService;
import dev.microdrop.core.fulfilment.Handovers;
import dev.microdrop.core.fulfilment.PickupCodes;
import dev.microdrop.core.order.OrderReader;
import dev.microdrop.core.preorder.PreorderRuns;
import dev.microdrop.core.reconcile.Reconciler;
import dev.microdrop.core.waves.WaveSchedules;
import dev.microdrop.core.waves.WaveService;
import java.time.Clock;

/**
 * The merchant's doors, one use case each, over one set of ports: what the merchant function serves.
 *
 * @param preorderRuns null where no payment provider is configured (confirming or cancelling a run charges or
 *                     refunds); those two routes then say what is missing
 */
public record MerchantDoors(MerchantViews views, PublishDrop publishing, CloseDrop closing, PauseDrop pausing,
                            AdjustStock adjusting, FlashRestock flashRestock, InsiderPasses insiders, DropOrders orders,
                            DropReport report, ReconcileDrop reconciling, WaveService waves,
                            PreorderRuns preorderRuns, MerchantDrops drops, DropSales sales, DropLedger ledger,
                            HandoverService handovers) {

    /** The ports the merchant's use cases need. */
    public record Ports(MerchantViews views, DropReader drops, DropPublisher publisher, StockAdjustments adjustments,
                        DropPauses pauses, Reconciler reconciler, WaveSchedules schedules, WaveService waves,
                        PreorderRuns preorderRuns, OrderReader orders, Handovers handovers) {
    }

    public static MerchantDoors of(Ports ports, KpiCalculator kpis, byte[] buyerIdKey, Clock clock) {
        BuyerIds buyerIds = new BuyerIds(buyerIdKey);
        InsiderPasses insiders = new InsiderPasses(ports.views(), buyerIds, new AccessTokens(buyerIdKey), clock);
        return new MerchantDoors(ports.views(),
                new PublishDrop(ports.views(), ports.publisher(), ports.schedules(), clock),
                new CloseDrop(ports.publisher(), clock), new PauseDrop(ports.pauses(), clock),
                new AdjustStock(ports.adjustments(), clock), new FlashRestock(ports.adjustments(), insiders, clock),
                insiders, new DropOrders(ports.views(), buyerIds), new DropReport(ports.views(), kpis, clock),
                new ReconcileDrop(ports.views(), ports.reconciler()), ports.waves(), ports.preorderRuns(),
                new MerchantDrops(ports.views(), ports.drops(), clock), new DropSales(ports.views(), clock),
                new DropLedger(ports.views()),
                new HandoverService(ports.orders(), ports.handovers(), new PickupCodes(buyerIdKey), clock));
    }

    /** Whether {@code dropId} is {@code merchant}'s: another merchant's drop is as missing as no drop. */
    public boolean owns(String merchant, String dropId) {
        return views.owner(dropId).map(merchant::equals).orElse(false);
    }
}
