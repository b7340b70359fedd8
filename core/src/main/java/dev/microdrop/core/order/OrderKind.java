package dev.microdrop.core.order;

/**
 * What an order is for. A {@link #STANDARD} order holds stock; a {@link #PREORDER} holds none: it takes units of
 * the drop's pre-order capacity, pays a deposit first and the balance once the merchant confirms the run.
 */
public enum OrderKind {
    STANDARD, PREORDER
}
