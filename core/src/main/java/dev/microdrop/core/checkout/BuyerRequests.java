package dev.microdrop.core.checkout;

import dev.microdrop.core.drop.CachedDropReader;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.payment.PaymentIntent;
import dev.microdrop.core.payment.PaymentProvider;
import dev.microdrop.core.stock.EarlierAnswer;
import dev.microdrop.core.stock.Inventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the buyer's doors do alike: find the drop a request names and check the request against it, answer a
 * retried request as it was answered, and attach the payment intent to an order.
 */
final class BuyerRequests {

    private final Inventory inventory;
    private final PaymentProvider payments;

    BuyerRequests(Inventory inventory, PaymentProvider payments) {
        this.inventory = inventory;
        this.payments = payments;
    }

    /** Either a snapshot to go on with, or the refusal to answer. */
    record Checked(DropSnapshot snapshot, Answers.Refusal refusal) {
    }

    /** The drop a command names, from the cache, with the command checked against it; or why the command fails. */
    static Checked checked(CachedDropReader drops, CheckoutCommand command, List<Violation> more) {
        Optional<DropSnapshot> found = drops.read(command.dropId());
        if (found.isEmpty()) {
            return new Checked(null, new Answers.DropNotFound(command.dropId()));
        }
        List<Violation> violations = againstDrop(command, found.get().drop());
        violations.addAll(more);
        return violations.isEmpty() ? new Checked(found.get(), null)
                : new Checked(null, new Answers.InvalidRequest(violations));
    }

    static Checked checked(CachedDropReader drops, CheckoutCommand command) {
        return checked(drops, command, List.of());
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

    /** The command's lines at the SKUs' prices, drawn from no pool yet, and their total. */
    record Priced(List<OrderLine> lines, Money amount) {
    }

    static Priced priced(CheckoutCommand command, Drop drop) {
        List<OrderLine> lines = new ArrayList<>();
        Money amount = Money.zero(drop.currency());
        for (RequestedLine requested : command.lines()) {
            Sku sku = drop.sku(requested.sku()).orElseThrow();
            OrderLine line = new OrderLine(sku.sku(), requested.quantity(), sku.price());
            lines.add(line);
            amount = amount.plus(line.total());
        }
        return new Priced(lines, amount);
    }

    /**
     * A request refused without a write may still be the retry of one that succeeded: the answer it got then. This
     * costs one read, only on the refusal path.
     */
    Optional<Answers.OrderAnswer> earlierAnswer(CheckoutCommand command, String fingerprint) {
        return inventory.earlierAnswer(command.dropId(), command.idempotencyKey(), fingerprint)
                .map(answer -> switch (answer) {
                    case EarlierAnswer.SameRequest same -> withPayment(same.order(), true);
                    case EarlierAnswer.OtherRequest ignored -> new Answers.KeyReused();
                });
    }

    /**
     * The order with the provider's intent to pay what is due now: a checkout's amount, a pre-order's deposit.
     * Creating it is idempotent per order at the provider, so a replayed request gets the same intent (and its
     * client secret) again without our storing the secret.
     */
    Answers.OrderAnswer withPayment(Order order, boolean replayed) {
        if (order.status() != OrderStatus.HELD) {
            return new Answers.Reserved(order, replayed, null);
        }
        try {
            PaymentIntent intent = order.preorder()
                    ? payments.createIntent(order, order.deposit(), PaymentProvider.DEPOSIT)
                    : payments.createIntent(order);
            inventory.attachPayment(order, intent);
            return new Answers.Reserved(order, replayed, intent);
        } catch (RuntimeException providerDown) {
            return new Answers.PaymentUnavailable(order);
        }
    }
}
