package dev.microdrop.core.checkout;

import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.CheckoutOutcome.Remaining;
import dev.microdrop.core.drop.CachedDropReader;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.DropStatus;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentProvider;
import dev.microdrop.core.stock.Access;
import dev.microdrop.core.stock.HoldAsk;
import dev.microdrop.core.stock.HoldPlanner;
import dev.microdrop.core.stock.Inventory;
import dev.microdrop.core.stock.PlannedHold;
import dev.microdrop.core.stock.StockPools;
import dev.microdrop.core.waitlist.Waitlist;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code POST /checkout}: holds stock for a buyer. Everything that can be decided from the cached drop (unknown
 * SKUs, a closed or paused drop, an insiders' window without a valid token, a SKU known to be sold out) is decided
 * without a table write; everything else by the {@link HoldPlanner}, whose one conditional write is the only thing
 * that can say "held".
 */
public final class CheckoutService implements CheckoutUseCase {

    private final CachedDropReader drops;
    private final BuyerRequests requests;
    private final HoldPlanner planner;
    private final BuyerIds buyerIds;
    private final OrderIds orderIds;
    private final AccessTokens accessTokens;
    private final Waitlist waitlist;
    private final Clock clock;

    public CheckoutService(CachedDropReader drops, Inventory inventory, HoldPlanner planner, BuyerIds buyerIds,
            OrderIds orderIds, PaymentProvider payments, AccessTokens accessTokens, Waitlist waitlist, Clock clock) {
        this.drops = drops;
        this.requests = new BuyerRequests(inventory, payments);
        this.planner = planner;
        this.buyerIds = buyerIds;
        this.orderIds = orderIds;
        this.accessTokens = accessTokens;
        this.waitlist = waitlist;
        this.clock = clock;
    }

    @Override
    public CheckoutOutcome checkout(CheckoutCommand command) {
        Instant now = clock.instant();
        BuyerRequests.Checked checked = BuyerRequests.checked(drops, command);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        DropSnapshot snapshot = checked.snapshot();
        Drop drop = snapshot.drop();
        BuyerId buyer = buyerIds.of(command.buyerEmail());
        String tokenRefusal = accessTokens.refusal(command.accessToken(), drop.dropId(), buyer, now);
        boolean earlyAccess = drop.insiderWindowAt(now);
        // Lines the cache shows in an insiders' flash-restock window; the write checks the window again.
        Set<String> flash = earlyAccess ? Set.of() : command.lines().stream().map(RequestedLine::sku)
                .filter(sku -> snapshot.inFlashWindow(sku, now)).collect(Collectors.toSet());
        // A token of a layer with a tranche of its own draws from that tranche; any other from the insiders'.
        String tranche = earlyAccess && tokenRefusal == null ? drop.insiders()
                .trancheOf(accessTokens.layer(command.accessToken()).orElse(null)).orElse(null) : null;
        Access access = new Access(earlyAccess, flash, command.accessToken() != null, tokenRefusal, tranche);
        int limit = drop.limitFor(access.insider());
        if (command.units() > limit) {
            return new Answers.LimitReached(limit, 0, command.units());
        }
        if (earlyAccess && tokenRefusal != null) {
            return earlierAnswerOr(command, command.accessToken() == null
                    ? new Answers.DropNotOpen(drop.opensAt(), drop.closesAt(), now)
                    : new CheckoutOutcome.AccessRefused(tokenRefusal, drop.opensAt()));
        }
        if (earlyAccess) {
            // Layered access: a token of a later layer (the shop's past buyers, its audience) opens at its layer's
            // moment; until then, and for a layer this drop lacks, it is refused like a token that does not fit.
            String layer = accessTokens.layer(command.accessToken()).orElse(null);
            Optional<Instant> layerOpens = drop.insiders().opensAtFor(layer);
            if (layerOpens.isEmpty()) {
                return earlierAnswerOr(command, new CheckoutOutcome.AccessRefused(
                        "access token is for an early-access layer this drop does not have", drop.opensAt()));
            }
            if (now.isBefore(layerOpens.get())) {
                return earlierAnswerOr(command, new CheckoutOutcome.AccessRefused(
                        "your early access opens at " + layerOpens.get(), drop.opensAt()));
            }
        }
        if (!earlyAccess && drop.statusAt(now) != DropStatus.OPEN) {
            return earlierAnswerOr(command, new Answers.DropNotOpen(drop.opensAt(), drop.closesAt(), now));
        }
        // Paused as far as the cache knows; a pause newer than the cache is refused by the hold's own condition.
        if (snapshot.paused()) {
            return earlierAnswerOr(command, new Answers.DropPaused(now));
        }
        for (String sku : flash) {
            Optional<PlannedHold> refused = access.flashRefusal(sku, snapshot.flashUntil().get(sku));
            if (refused.isPresent()) {
                return earlierAnswerOr(command, answer(command, snapshot, refused.get(), now));
            }
        }
        // The sold-out fast path: a line the cache already knows cannot be filled is refused without a write.
        boolean knownShort = command.lines().stream().anyMatch(l -> !earlyAccess
                        && StockPools.availableFor(drop, command.fulfilment(), l.sku(), snapshot::stockOf) < l.quantity()
                || StockPools.unservable(drop, command.fulfilment(), l.sku()));
        if (knownShort) {
            return claimOr(command, earlierAnswerOr(command, soldOut(command, snapshot, Map.of())), now);
        }
        PlannedHold planned = planner.hold(new HoldAsk(newOrder(command, drop, buyer, now), command.idempotencyKey(),
                command.fingerprint(), now, access), snapshot, drops::learn);
        return answer(command, snapshot, planned, now);
    }

    /** What the planner came to, as the buyer hears it. */
    private CheckoutOutcome answer(CheckoutCommand command, DropSnapshot snapshot, PlannedHold planned, Instant now) {
        Drop drop = snapshot.drop();
        return switch (planned) {
            case PlannedHold.Held held -> requests.withPayment(held.order(), held.replayed());
            case PlannedHold.KeyReused ignored -> new Answers.KeyReused();
            case PlannedHold.SoldOut soldOut -> claimOr(command, soldOut(command, snapshot, soldOut.levels()), now);
            case PlannedHold.OverLimit over -> new Answers.LimitReached(over.limit(), over.alreadyHeld(), command.units());
            case PlannedHold.NotOpen ignored -> new Answers.DropNotOpen(drop.opensAt(), drop.closesAt(), now);
            case PlannedHold.Paused ignored -> new Answers.DropPaused(now);
            case PlannedHold.SlotFull full -> new CheckoutOutcome.SlotFull(full.hubId(), full.slotId(),
                    drop.hub(full.hubId()).orElseThrow().slots().stream().map(s -> s.slotId())
                            .filter(id -> !id.equals(full.slotId())).toList());
            case PlannedHold.InsidersOnly insidersOnly ->
                    new CheckoutOutcome.InsidersOnly(insidersOnly.sku(), insidersOnly.until());
            case PlannedHold.AccessRefused refused -> new CheckoutOutcome.AccessRefused(refused.reason(), refused.until());
            case PlannedHold.Contended ignored -> new Answers.Contended();
        };
    }

    private CheckoutOutcome earlierAnswerOr(CheckoutCommand command, CheckoutOutcome refusal) {
        return requests.earlierAnswer(command, command.fingerprint()).<CheckoutOutcome>map(a -> a).orElse(refusal);
    }

    /**
     * A buyer turned away as sold out may hold a waitlist claim: units held for them. Checking out again redeems
     * it (a read, only on this refusal path).
     */
    private CheckoutOutcome claimOr(CheckoutCommand command, CheckoutOutcome refusal, Instant now) {
        if (!(refusal instanceof CheckoutOutcome.SoldOut)) {
            return refusal;
        }
        return waitlist.claim(command.dropId(), buyerIds.of(command.buyerEmail()).value())
                .filter(order -> order.status() == OrderStatus.HELD && order.holdExpiresAt().isAfter(now))
                .filter(order -> command.lines().stream().allMatch(l -> order.lines().stream()
                        .anyMatch(o -> o.sku().equals(l.sku()))))
                .<CheckoutOutcome>map(order -> requests.withPayment(order, true))
                .orElse(refusal);
    }

    /** The order at the SKUs' prices; which stock each line draws from is the planner's choice. */
    private Order newOrder(CheckoutCommand command, Drop drop, BuyerId buyer, Instant now) {
        BuyerRequests.Priced priced = BuyerRequests.priced(command, drop);
        return new Order(orderIds.next(now), drop.dropId(), buyer, command.buyerEmail(),
                priced.lines(), priced.amount(), command.fulfilment(), OrderStatus.HELD, now,
                now.plus(drop.holdDuration()));
    }

    /** What is left of each SKU asked for, from {@code seen} (what refused writes returned) over the cache. */
    private static CheckoutOutcome soldOut(CheckoutCommand command, DropSnapshot snapshot, Map<String, StockLevel> seen) {
        Drop drop = snapshot.drop();
        Function<String, Optional<StockLevel>> levels = sku -> seen.containsKey(sku) ? Optional.of(seen.get(sku))
                : snapshot.stockOf(sku);
        List<Remaining> remaining = command.lines().stream()
                .map(l -> new Remaining(l.sku(),
                        Math.max(0, StockPools.availableFor(drop, command.fulfilment(), l.sku(), levels)),
                        levels.apply(l.sku()).map(level -> Math.max(0, level.available())).orElse(0)))
                .toList();
        return new CheckoutOutcome.SoldOut(remaining);
    }
}
