package dev.microdrop.core.checkout;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.CheckoutOutcome.Remaining;
import dev.microdrop.core.drop.CachedDropReader;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.DropStatus;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderKind;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentIntent;
import dev.microdrop.core.payment.PaymentProvider;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import dev.microdrop.core.stock.Inventory;
import dev.microdrop.core.stock.StockPools;
import dev.microdrop.core.waitlist.Waitlist;
import dev.microdrop.core.waitlist.WaitlistEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Holds stock for a buyer. Everything that can be decided from the cached drop (unknown SKUs, a closed drop,
 * a SKU known to be sold out) is decided without a table write; everything else is decided by one atomic,
 * conditional write in the {@link Inventory}, which is the only thing that can say "held".
 */
public final class CheckoutService implements CheckoutUseCase, WaitlistUseCase, PreorderUseCase {

    private final CachedDropReader drops;
    private final Inventory inventory;
    private final BuyerIds buyerIds;
    private final OrderIds orderIds;
    private final PaymentProvider payments;
    private final AccessTokens accessTokens;
    private final Waitlist waitlist;
    private final Clock clock;

    public CheckoutService(CachedDropReader drops, Inventory inventory, BuyerIds buyerIds, OrderIds orderIds,
            PaymentProvider payments, AccessTokens accessTokens, Waitlist waitlist, Clock clock) {
        this.drops = drops;
        this.inventory = inventory;
        this.buyerIds = buyerIds;
        this.orderIds = orderIds;
        this.payments = payments;
        this.accessTokens = accessTokens;
        this.waitlist = waitlist;
        this.clock = clock;
    }

    @Override
    public CheckoutOutcome checkout(CheckoutCommand command) {
        Instant now = clock.instant();
        Checked checked = checked(command);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        DropSnapshot snapshot = checked.snapshot();
        Drop drop = snapshot.drop();
        boolean insider = drop.insiderWindowAt(now);
        // Lines the cache shows in an insiders' flash-restock window; the write checks the window again.
        Set<String> flash = new HashSet<>();
        if (!insider) {
            command.lines().stream().map(RequestedLine::sku).filter(sku -> snapshot.inFlashWindow(sku, now))
                    .forEach(flash::add);
        }
        int limit = limit(drop, insider || !flash.isEmpty());
        if (command.units() > limit) {
            return new CheckoutOutcome.LimitReached(limit, 0, command.units());
        }
        if (insider) {
            String refusal = accessTokens.refusal(command.accessToken(), drop.dropId(),
                    buyerIds.of(command.buyerEmail()), now);
            if (refusal != null) {
                return earlierAnswerOr(command, command.accessToken() == null
                        ? new CheckoutOutcome.DropNotOpen(drop.opensAt(), drop.closesAt(), now)
                        : new CheckoutOutcome.AccessRefused(refusal, drop.opensAt()));
            }
        } else if (drop.statusAt(now) != DropStatus.OPEN) {
            return earlierAnswerOr(command, new CheckoutOutcome.DropNotOpen(drop.opensAt(), drop.closesAt(), now));
        }
        // Paused as far as the cache knows; a pause newer than the cache is refused by the hold's own condition.
        if (snapshot.paused()) {
            return earlierAnswerOr(command, new CheckoutOutcome.DropPaused(now));
        }
        for (String sku : flash) {
            Optional<CheckoutOutcome> refused = flashRefusal(command, drop, sku, snapshot.flashUntil().get(sku), now);
            if (refused.isPresent()) {
                return earlierAnswerOr(command, refused.get());
            }
        }
        // The sold-out fast path: a line the cache already knows cannot be filled is refused without a write.
        boolean knownShort = command.lines().stream().anyMatch(l -> !insider
                        && StockPools.availableFor(drop, command.fulfilment(), l.sku(), snapshot::stockOf) < l.quantity()
                || StockPools.unservable(drop, command.fulfilment(), l.sku()));
        if (knownShort) {
            return claimOr(command, earlierAnswerOr(command, soldOut(command, snapshot, Map.of())), now);
        }
        return hold(command, snapshot, newOrder(command, drop, snapshot, now), now, insider, flash,
                command.lines().size());
    }

    /**
     * The one conditional write. If it finds a line's flash window other than the cache said (a restock or a window's
     * end newer than the cache), nothing was held: the request is routed again for that line, at most once per line.
     */
    private CheckoutOutcome hold(CheckoutCommand command, DropSnapshot snapshot, Order order, Instant now,
            boolean insider, Set<String> flash, int reroutesLeft) {
        Drop drop = snapshot.drop();
        int limit = limit(drop, insider || !flash.isEmpty());
        Map<String, StockLevel> seen = new HashMap<>();
        HoldResult result = StockPools.hold(inventory, order, drop, snapshot::stockOf,
                level -> learnt(drop.dropId(), snapshot, seen, level, insider || flash.contains(level.sku())),
                o -> new HoldRequest(o, command.idempotencyKey(), command.fingerprint(), limit, now, insider, flash));
        return switch (result) {
            case HoldResult.Held held -> withPayment(held.order(), false);
            case HoldResult.Replayed replayed -> withPayment(replayed.order(), true);
            case HoldResult.KeyReused ignored -> new CheckoutOutcome.KeyReused();
            case HoldResult.OutOfStock out -> {
                out.levels().forEach(level -> learnt(drop.dropId(), snapshot, seen, level,
                        insider || flash.contains(level.sku())));
                yield claimOr(command, soldOut(command, snapshot, seen), now);
            }
            case HoldResult.OverLimit over -> new CheckoutOutcome.LimitReached(limit, over.alreadyHeld(), command.units());
            case HoldResult.NotOpen ignored -> new CheckoutOutcome.DropNotOpen(drop.opensAt(), drop.closesAt(), now);
            case HoldResult.Paused ignored -> new CheckoutOutcome.DropPaused(now);
            case HoldResult.SlotFull full -> new CheckoutOutcome.SlotFull(full.hubId(), full.slotId(),
                    drop.hub(full.hubId()).orElseThrow().slots().stream().map(s -> s.slotId())
                            .filter(id -> !id.equals(full.slotId())).toList());
            case HoldResult.CapReached ignored -> throw new IllegalStateException("a checkout is not a pre-order");
            case HoldResult.Contended ignored -> new CheckoutOutcome.Contended();
            case HoldResult.FlashWindow window -> {
                boolean open = window.until() != null && now.isBefore(window.until());
                if (reroutesLeft <= 0) {
                    yield new CheckoutOutcome.Contended();
                }
                Set<String> rerouted = new HashSet<>(flash);
                if (open) {
                    Optional<CheckoutOutcome> refused = flashRefusal(command, drop, window.sku(), window.until(), now);
                    if (refused.isPresent()) {
                        yield refused.get();
                    }
                    if (command.units() > limit(drop, true)) {
                        yield new CheckoutOutcome.LimitReached(limit(drop, true), 0, command.units());
                    }
                    rerouted.add(window.sku());
                } else {
                    rerouted.remove(window.sku());
                }
                yield hold(command, snapshot, order, now, insider, rerouted, reroutesLeft - 1);
            }
        };
    }

    /** Insiders (early access, flash windows) buy within the insiders' limit too, when the drop sets one. */
    private static int limit(Drop drop, boolean insider) {
        return insider && drop.insiders() != null ? Math.min(drop.perBuyerLimit(), drop.insiders().perBuyerLimit())
                : drop.perBuyerLimit();
    }

    /**
     * In a flash window only a buyer with their own valid access token may hold {@code sku}: without one the answer
     * is "insiders only until ...", with a bad one "access refused".
     */
    private Optional<CheckoutOutcome> flashRefusal(CheckoutCommand command, Drop drop, String sku, Instant until,
            Instant now) {
        String refusal = accessTokens.refusal(command.accessToken(), drop.dropId(), buyerIds.of(command.buyerEmail()), now);
        if (refusal == null) {
            return Optional.empty();
        }
        return Optional.of(command.accessToken() == null ? new CheckoutOutcome.InsidersOnly(sku, until)
                : new CheckoutOutcome.AccessRefused(refusal, until));
    }

    /**
     * {@code POST /preorders}: a deposit now for units the drop no longer has. Allowed only while the drop takes
     * pre-orders (it has terms and has not closed) and only when, in the cached read, every line's SKU has no
     * unit available and every unit it will ever have released ({@code released == totalUnits}: no wave left to
     * come). The capacity, the buyer's limit and the idempotency key are decided by one atomic write.
     */
    @Override
    public CheckoutOutcome preorder(CheckoutCommand command) {
        Instant now = clock.instant();
        Checked checked = checked(command);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        DropSnapshot snapshot = checked.snapshot();
        Drop drop = snapshot.drop();
        String fingerprint = PREORDER_FINGERPRINT + command.fingerprint();
        if (drop.preorder() == null) {
            return new CheckoutOutcome.PreordersClosed("drop " + drop.dropId() + " takes no pre-orders");
        }
        if (!drop.takesPreordersAt(now)) {
            return earlierAnswerOr(command, fingerprint,
                    new CheckoutOutcome.PreordersClosed("drop " + drop.dropId() + " closed at " + drop.closesAt()));
        }
        if (command.units() > drop.perBuyerLimit()) {
            return new CheckoutOutcome.LimitReached(drop.perBuyerLimit(), 0, command.units());
        }
        // A paused drop takes no pre-orders either (as far as the cache knows: capacity is not stock, and the pause
        // is enforced in the write only for stock).
        if (snapshot.paused()) {
            return earlierAnswerOr(command, fingerprint, new CheckoutOutcome.DropPaused(now));
        }
        List<String> notSoldOut = command.lines().stream().map(RequestedLine::sku)
                .filter(sku -> !soldOutForGood(drop, snapshot, sku)).toList();
        if (!notSoldOut.isEmpty()) {
            return earlierAnswerOr(command, fingerprint, new CheckoutOutcome.NotSoldOut(notSoldOut));
        }
        Order order = newPreorder(command, drop, now);
        HoldResult result = inventory.preorder(new HoldRequest(order, command.idempotencyKey(), fingerprint,
                drop.perBuyerLimit(), now));
        return switch (result) {
            case HoldResult.Held held -> withPayment(held.order(), false);
            case HoldResult.Replayed replayed -> withPayment(replayed.order(), true);
            case HoldResult.KeyReused ignored -> new CheckoutOutcome.KeyReused();
            case HoldResult.OverLimit over ->
                    new CheckoutOutcome.LimitReached(drop.perBuyerLimit(), over.alreadyHeld(), command.units());
            case HoldResult.CapReached cap -> new CheckoutOutcome.PreorderCapReached(cap.remaining());
            case HoldResult.Contended ignored -> new CheckoutOutcome.Contended();
            case HoldResult.OutOfStock ignored -> throw new IllegalStateException("a pre-order takes no stock");
            case HoldResult.NotOpen ignored -> throw new IllegalStateException("a pre-order takes no stock");
            case HoldResult.SlotFull ignored -> throw new IllegalStateException("a pre-order books no slot");
            case HoldResult.Paused ignored -> throw new IllegalStateException("a pre-order takes no stock");
            case HoldResult.FlashWindow ignored -> throw new IllegalStateException("a pre-order takes no stock");
        };
    }

    @Override
    public Optional<PaymentIntent> paymentDue(Order order) {
        if (order.preorder() && order.status() == OrderStatus.BALANCE_DUE) {
            return Optional.of(payments.createIntent(order, order.balance(), PaymentProvider.BALANCE));
        }
        if (order.preorder() && order.status() == OrderStatus.HELD) {
            return Optional.of(payments.createIntent(order, order.deposit(), PaymentProvider.DEPOSIT));
        }
        return Optional.empty();
    }

    /** A pre-order's key and a checkout's live in one namespace per drop; the prefix keeps them apart. */
    static final String PREORDER_FINGERPRINT = "preorder:";

    /** No unit available as last seen, and every unit the SKU will ever have released: no wave left to come. */
    private static boolean soldOutForGood(Drop drop, DropSnapshot snapshot, String skuId) {
        Sku sku = drop.sku(skuId).orElseThrow();
        return snapshot.stockOf(skuId)
                .map(level -> level.available() <= 0 && level.released() >= sku.totalUnits())
                .orElse(false);
    }

    /** Lines at the SKUs' prices, from no hub (a pre-order takes no stock); the deposit per the drop's terms. */
    private Order newPreorder(CheckoutCommand command, Drop drop, Instant now) {
        List<OrderLine> lines = new ArrayList<>();
        Money amount = Money.zero(drop.currency());
        for (RequestedLine requested : command.lines()) {
            Sku sku = drop.sku(requested.sku()).orElseThrow();
            OrderLine line = new OrderLine(sku.sku(), requested.quantity(), sku.price(), null);
            lines.add(line);
            amount = amount.plus(line.total());
        }
        return new Order(orderIds.next(now), drop.dropId(), buyerIds.of(command.buyerEmail()), command.buyerEmail(),
                lines, amount, command.fulfilment(), OrderStatus.HELD, now, now.plus(drop.holdDuration()),
                OrderKind.PREORDER, drop.preorder().depositOf(amount));
    }

    /**
     * The provider's intent to pay for the held amount. Creating it is idempotent per order at the provider, so
     * a replayed checkout gets the same intent (and its client secret) again without our storing the secret.
     */
    private CheckoutOutcome withPayment(Order order, boolean replayed) {
        if (order.status() != OrderStatus.HELD) {
            return new CheckoutOutcome.Reserved(order, replayed, null);
        }
        try {
            PaymentIntent intent = order.preorder()
                    ? payments.createIntent(order, order.deposit(), PaymentProvider.DEPOSIT)
                    : payments.createIntent(order);
            inventory.attachPayment(order, intent);
            return new CheckoutOutcome.Reserved(order, replayed, intent);
        } catch (RuntimeException providerDown) {
            return new CheckoutOutcome.PaymentUnavailable(order);
        }
    }

    /**
     * {@code POST /waitlist}: a buyer who met "sold out" waits for one SKU, with the fulfilment they chose; when
     * units come back they are offered a claim, in order of joining.
     */
    @Override
    public CheckoutOutcome joinWaitlist(CheckoutCommand command) {
        Instant now = clock.instant();
        Optional<DropSnapshot> found = drops.read(command.dropId());
        if (found.isEmpty()) {
            return new CheckoutOutcome.DropNotFound(command.dropId());
        }
        Drop drop = found.get().drop();
        List<Violation> violations = againstDrop(command, drop);
        if (command.lines().size() != 1) {
            violations.add(new Violation("/lines", "a waitlist place is for one SKU: send one line"));
        }
        if (!violations.isEmpty()) {
            return new CheckoutOutcome.InvalidRequest(violations);
        }
        if (drop.statusAt(now) == DropStatus.CLOSED) {
            return new CheckoutOutcome.DropNotOpen(drop.opensAt(), drop.closesAt(), now);
        }
        RequestedLine line = command.lines().getFirst();
        if (command.units() > drop.perBuyerLimit()) {
            return new CheckoutOutcome.LimitReached(drop.perBuyerLimit(), 0, command.units());
        }
        DropSnapshot snapshot = found.get();
        int available = StockPools.availableFor(drop, command.fulfilment(), line.sku(), snapshot::stockOf);
        if (drop.statusAt(now) == DropStatus.OPEN && !snapshot.paused() && !snapshot.inFlashWindow(line.sku(), now)
                && available >= line.quantity()) {
            // A place in line for what the buyer can take now would only delay them; the cache may be a moment
            // old, so a unit just sold may still show here: checking out then answers sold-out, and they join.
            return new CheckoutOutcome.InStock(line.sku(), available);
        }
        boolean joined = waitlist.join(new WaitlistEntry(drop.dropId(), line.sku(), buyerIds.of(command.buyerEmail()),
                command.buyerEmail(), line.quantity(), command.fulfilment(), now));
        return new CheckoutOutcome.Waitlisted(line.sku(), !joined);
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
                .map(order -> withPayment(order, true))
                .orElse(refusal);
    }

    /** The drop a command names, from the cache, with the command checked against it; or why the command fails. */
    private Checked checked(CheckoutCommand command) {
        Optional<DropSnapshot> found = drops.read(command.dropId());
        if (found.isEmpty()) {
            return new Checked(null, new CheckoutOutcome.DropNotFound(command.dropId()));
        }
        List<Violation> violations = againstDrop(command, found.get().drop());
        return violations.isEmpty() ? new Checked(found.get(), null)
                : new Checked(null, new CheckoutOutcome.InvalidRequest(violations));
    }

    /** Either a snapshot to go on with, or the refusal to answer. */
    private record Checked(DropSnapshot snapshot, CheckoutOutcome refusal) {
    }

    private static List<Violation> againstDrop(CheckoutCommand command, Drop drop) {
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < command.lines().size(); i++) {
            String sku = command.lines().get(i).sku();
            if (drop.sku(sku).isEmpty()) {
                violations.add(new Violation("/lines/" + i + "/sku", "drop " + drop.dropId() + " sells no SKU " + sku));
            }
        }
        switch (command.fulfilment()) {
            case Fulfilment.Pickup pickup when drop.hub(pickup.hubId()).isEmpty() ->
                    violations.add(new Violation("/fulfilment/hubId", "drop " + drop.dropId() + " has no pickup hub "
                            + pickup.hubId()));
            case Fulfilment.Pickup pickup when !drop.hub(pickup.hubId()).orElseThrow().slots().isEmpty()
                    && (pickup.slotId() == null || drop.hub(pickup.hubId()).orElseThrow().slot(pickup.slotId()).isEmpty()) ->
                    violations.add(new Violation("/fulfilment/slotId", "hub " + pickup.hubId()
                            + " hands out orders in slots; choose one of " + drop.hub(pickup.hubId()).orElseThrow().slots()
                            .stream().map(s -> s.slotId()).toList()));
            case Fulfilment.Pickup pickup when drop.hub(pickup.hubId()).orElseThrow().slots().isEmpty()
                    && pickup.slotId() != null ->
                    violations.add(new Violation("/fulfilment/slotId", "hub " + pickup.hubId() + " has no slots"));
            case Fulfilment.Ship ignored when !drop.shipping() ->
                    violations.add(new Violation("/fulfilment/type", "drop " + drop.dropId()
                            + " does not ship; choose pickup at one of its hubs"));
            default -> {
            }
        }
        return violations;
    }

    /**
     * A request refused without a write may still be the retry of one that succeeded: answer it the same way.
     * This costs one read, only on the refusal path.
     */
    private CheckoutOutcome earlierAnswerOr(CheckoutCommand command, CheckoutOutcome refusal) {
        return earlierAnswerOr(command, command.fingerprint(), refusal);
    }

    private CheckoutOutcome earlierAnswerOr(CheckoutCommand command, String fingerprint, CheckoutOutcome refusal) {
        return inventory.earlierAnswer(command.dropId(), command.idempotencyKey(), fingerprint)
                .<CheckoutOutcome>map(answer -> switch (answer) {
                    case HoldResult.Replayed replayed -> withPayment(replayed.order(), true);
                    case HoldResult.KeyReused ignored -> new CheckoutOutcome.KeyReused();
                    default -> refusal;
                })
                .orElse(refusal);
    }

    private Order newOrder(CheckoutCommand command, Drop drop, DropSnapshot snapshot, Instant now) {
        List<OrderLine> lines = new ArrayList<>();
        Money amount = Money.zero(drop.currency());
        for (RequestedLine requested : command.lines()) {
            Sku sku = drop.sku(requested.sku()).orElseThrow();
            OrderLine line = StockPools.line(drop, sku, requested.quantity(), command.fulfilment(),
                    snapshot.stockOf(sku.sku()));
            lines.add(line);
            amount = amount.plus(line.total());
        }
        return new Order(orderIds.next(now), drop.dropId(), buyerIds.of(command.buyerEmail()), command.buyerEmail(),
                lines, amount, command.fulfilment(), OrderStatus.HELD, now, now.plus(drop.holdDuration()));
    }

    /**
     * Counters a refused write returned: the cache learns them (the sold-out fast path), and this checkout's
     * answer counts them; one shard's counters replace that shard's in the SKU's.
     */
    private void learnt(String dropId, DropSnapshot snapshot, Map<String, StockLevel> seen, StockLevel level,
            boolean tranche) {
        if (!tranche) {
            drops.learn(dropId, level); // an insider's "left" is the tranche's, not the SKU's: never cached
        }
        if (level.shard() == null) {
            seen.put(level.sku(), level);
            return;
        }
        StockLevel whole = seen.containsKey(level.sku()) ? seen.get(level.sku())
                : snapshot.stockOf(level.sku()).orElse(null);
        if (whole != null) {
            seen.put(level.sku(), whole.withShard(level));
        }
    }

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
