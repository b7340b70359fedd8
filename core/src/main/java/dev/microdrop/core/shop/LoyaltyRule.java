package dev.microdrop.core.shop;

import dev.microdrop.core.buyer.BuyerId;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The shop's loyalty rule: buyers of the last {@code lastDrops} drops (those opening before the new one, latest first)
 * get early access to the new one. A buyer counts who paid for an order of one of those drops and was not refunded
 * since; a pre-order counts once its deposit is paid.
 *
 * @param lastDrops how many past drops make a buyer eligible (1: the previous drop's buyers only)
 */
public record LoyaltyRule(int lastDrops) {

    /** The rule a shop starts with: buyers of the last 3 drops. */
    public static final LoyaltyRule DEFAULT = new LoyaltyRule(3);

    public LoyaltyRule {
        if (lastDrops < 1 || lastDrops > 100) {
            throw new IllegalArgumentException("a loyalty rule looks back at 1 to 100 drops");
        }
    }

    /** The buyers eligible for early access to {@code dropId}, opening at {@code opensAt}, in id order. */
    public Set<BuyerId> eligible(ShopHistory history, String dropId, Instant opensAt) {
        Set<String> past = history.drops().stream()
                .filter(d -> !d.dropId().equals(dropId) && d.opensAt().isBefore(opensAt))
                .sorted(Comparator.comparing(ShopDrop::opensAt).reversed().thenComparing(ShopDrop::dropId))
                .limit(lastDrops).map(ShopDrop::dropId).collect(Collectors.toSet());
        return history.orders().stream().filter(o -> past.contains(o.dropId()) && bought(o))
                .map(ShopOrder::buyerId)
                .collect(Collectors.toCollection(() -> new TreeSet<>(Comparator.comparing(BuyerId::value))));
    }

    private static boolean bought(ShopOrder order) {
        return switch (order.status()) {
            case PAID, RESERVED, BALANCE_DUE -> true;
            case HELD, EXPIRED, CANCELLED, REFUNDED -> false;
        };
    }
}
