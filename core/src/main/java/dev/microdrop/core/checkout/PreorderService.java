package dev.microdrop.core.checkout;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.drop.CachedDropReader;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderKind;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentIntent;
import dev.microdrop.core.payment.PaymentProvider;
import dev.microdrop.core.stock.Contention;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.Inventory;
import dev.microdrop.core.stock.PreorderResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /preorders}: a deposit now for units the drop no longer has. Allowed only while the drop takes
 * pre-orders (it has terms and has not closed) and only when, in the cached read, every line's SKU has no unit
 * available and every unit it will ever have released ({@code released == totalUnits}: no wave left to come). The
 * capacity, the buyer's limit and the idempotency key are decided by one atomic write.
 */
public final class PreorderService implements PreorderUseCase {

    /** A pre-order's key and a checkout's live in one namespace per drop; the prefix keeps them apart. */
    static final String PREORDER_FINGERPRINT = "preorder:";

    private final CachedDropReader drops;
    private final BuyerRequests requests;
    private final Inventory inventory;
    private final Contention contention;
    private final BuyerIds buyerIds;
    private final OrderIds orderIds;
    private final PaymentProvider payments;
    private final Clock clock;

    public PreorderService(CachedDropReader drops, Inventory inventory, Contention contention, BuyerIds buyerIds,
            OrderIds orderIds, PaymentProvider payments, Clock clock) {
        this.drops = drops;
        this.requests = new BuyerRequests(inventory, payments);
        this.inventory = inventory;
        this.contention = contention;
        this.buyerIds = buyerIds;
        this.orderIds = orderIds;
        this.payments = payments;
        this.clock = clock;
    }

    @Override
    public PreorderOutcome preorder(CheckoutCommand command) {
        Instant now = clock.instant();
        BuyerRequests.Checked checked = BuyerRequests.checked(drops, command);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        DropSnapshot snapshot = checked.snapshot();
        Drop drop = snapshot.drop();
        String fingerprint = PREORDER_FINGERPRINT + command.fingerprint();
        if (drop.preorder() == null) {
            return new PreorderOutcome.PreordersClosed("drop " + drop.dropId() + " takes no pre-orders");
        }
        if (!drop.takesPreordersAt(now)) {
            return earlierAnswerOr(command, fingerprint,
                    new PreorderOutcome.PreordersClosed("drop " + drop.dropId() + " closed at " + drop.closesAt()));
        }
        if (command.units() > drop.perBuyerLimit()) {
            return new Answers.LimitReached(drop.perBuyerLimit(), 0, command.units());
        }
        // A paused drop takes no pre-orders either (as far as the cache knows: capacity is not stock, and the pause
        // is enforced in the write only for stock).
        if (snapshot.paused()) {
            return earlierAnswerOr(command, fingerprint, new Answers.DropPaused(now));
        }
        List<String> notSoldOut = command.lines().stream().map(RequestedLine::sku)
                .filter(sku -> !soldOutForGood(drop, snapshot, sku)).toList();
        if (!notSoldOut.isEmpty()) {
            return earlierAnswerOr(command, fingerprint, new PreorderOutcome.NotSoldOut(notSoldOut));
        }
        HoldRequest request = new HoldRequest(newPreorder(command, drop, now), command.idempotencyKey(), fingerprint,
                drop.perBuyerLimit(), now);
        PreorderResult result = contention.retry(() -> inventory.preorder(request),
                r -> r instanceof PreorderResult.Collided);
        return switch (result) {
            case PreorderResult.Placed placed -> requests.withPayment(placed.order(), false);
            case PreorderResult.Replayed replayed -> requests.withPayment(replayed.order(), true);
            case PreorderResult.KeyReused ignored -> new Answers.KeyReused();
            case PreorderResult.OverLimit over ->
                    new Answers.LimitReached(drop.perBuyerLimit(), over.alreadyHeld(), command.units());
            case PreorderResult.CapReached cap -> new PreorderOutcome.CapReached(cap.remaining());
            case PreorderResult.Collided ignored -> new Answers.Contended();
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

    private PreorderOutcome earlierAnswerOr(CheckoutCommand command, String fingerprint, PreorderOutcome refusal) {
        return requests.earlierAnswer(command, fingerprint).<PreorderOutcome>map(a -> a).orElse(refusal);
    }

    /** No unit available as last seen, and every unit the SKU will ever have released: no wave left to come. */
    private static boolean soldOutForGood(Drop drop, DropSnapshot snapshot, String skuId) {
        Sku sku = drop.sku(skuId).orElseThrow();
        return snapshot.stockOf(skuId)
                .map(level -> level.available() <= 0 && level.released() >= sku.totalUnits())
                .orElse(false);
    }

    /** Lines at the SKUs' prices, from no hub (a pre-order takes no stock); the deposit per the drop's terms. */
    private Order newPreorder(CheckoutCommand command, Drop drop, Instant now) {
        BuyerRequests.Priced priced = BuyerRequests.priced(command, drop);
        return new Order(orderIds.next(now), drop.dropId(), buyerIds.of(command.buyerEmail()), command.buyerEmail(),
                priced.lines(), priced.amount(), command.fulfilment(), OrderStatus.HELD, now,
                now.plus(drop.holdDuration()), OrderKind.PREORDER, drop.preorder().depositOf(priced.amount()));
    }
}
