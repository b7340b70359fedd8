package dev.microdrop.function.snapstart;

/**
 * One harmless walk of a function's real request path, run before SnapStart takes its snapshot: the handler with
 * an event that reads but never writes (an unknown drop or order, a request refused before any write), so the
 * classes, the JSON mappers, the SDK client and its connection are warm in every restored instance.
 */
@FunctionalInterface
public interface Primer {

    /** A drop id no merchant publishes: priming reads it, finds nothing, writes nothing. */
    String DROP_ID = "microdrop-priming";

    /** A well-formed order id that no checkout creates (its time part is the epoch). */
    String ORDER_ID = "ord_00000000000000000000000000";

    void prime();
}
