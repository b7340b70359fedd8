package dev.microdrop.core.reconcile;

/**
 * One disagreement found by reconciliation.
 *
 * @param kind    {@code ledger} (ledger sums differ from counters), {@code invariant} (counters unbalanced or
 *                negative), {@code orders} (held or sold units not explained by orders), {@code payment} (a paid
 *                order without its payment), {@code tranche} (an access layer's tranche not what its holds left)
 * @param subject what it is about: {@code <dropId>/<sku>} or an order id
 */
public record Drift(String kind, String subject, String detail) {
}
