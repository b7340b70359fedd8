package dev.microdrop.core.drop;

import java.time.Duration;
import java.util.Objects;

/**
 * How a drop takes pre-orders once a SKU is sold out for good: the buyer pays a deposit now, and the merchant
 * later confirms the run (the balance is charged) or cancels it (the deposit is refunded). Pre-orders take no
 * stock; they take units from the drop's pre-order capacity ({@code cap}, over all SKUs).
 *
 * @param depositBasisPoints the share of the amount paid up front, in 1/100 of a percent (1..10000)
 * @param cap                most units taken as pre-orders, over all SKUs of the drop
 * @param confirmBy          when the merchant must have confirmed or cancelled the run (after the drop closes)
 */
public record PreorderTerms(int depositBasisPoints, int cap, java.time.Instant confirmBy) {

    public PreorderTerms {
        Objects.requireNonNull(confirmBy, "confirmBy");
        if (depositBasisPoints < 1 || depositBasisPoints > 10_000) {
            throw new IllegalArgumentException("a deposit is 0.01% to 100% of the amount: " + depositBasisPoints);
        }
        if (cap < 1) {
            throw new IllegalArgumentException("a pre-order cap is at least 1 unit: " + cap);
        }
    }

    /** The deposit for {@code amount}: its share, rounded up to a whole minor unit (never less than the share). */
    public Money depositOf(Money amount) {
        long share = Math.multiplyExact(amount.minorUnits(), depositBasisPoints);
        return new Money(share / 10_000 + (share % 10_000 == 0 ? 0 : 1), amount.currency());
    }

    PreorderTerms shiftedBy(Duration offset) {
        return new PreorderTerms(depositBasisPoints, cap, confirmBy.plus(offset));
    }
}
