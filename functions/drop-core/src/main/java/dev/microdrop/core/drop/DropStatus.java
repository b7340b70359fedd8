package dev.microdrop.core.drop;

/** Where a drop is in time. Derived from the clock, never stored. */
public enum DropStatus {
    SCHEDULED, OPEN, CLOSED
}
