package dev.microdrop.local.sqs;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a queue to reach a state: redrive runs on SQS's clock (visibility timeouts), not the test's. */
final class Eventually {

    private Eventually() {
    }

    static void await(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(100);
        }
    }
}
