package dev.microdrop.core.reconcile;

/**
 * Port out: checks the books of the whole table: every SKU's counters balance and match the ledger, every order's
 * units are where its status says, every payment is accounted for.
 */
public interface Reconciler {

    ReconciliationReport reconcile();
}
