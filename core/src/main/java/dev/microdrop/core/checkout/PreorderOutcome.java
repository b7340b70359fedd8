package dev.microdrop.core.checkout;

import java.util.List;

/** Every answer to a pre-order ({@code POST /preorders}); the answers other doors give too are in {@link Answers}. */
public sealed interface PreorderOutcome permits Answers.Refusal, Answers.OrderAnswer, PreorderOutcome.PreordersClosed,
        PreorderOutcome.NotSoldOut, PreorderOutcome.CapReached {

    /** The drop takes no pre-orders now: {@code why} says whether it never does or has closed. */
    record PreordersClosed(String why) implements PreorderOutcome {
    }

    /** A line's SKU can still be bought, or will be (a wave is still to come): check out instead. */
    record NotSoldOut(List<String> skus) implements PreorderOutcome {
        public NotSoldOut {
            skus = List.copyOf(skus);
        }
    }

    /** The drop's pre-order capacity has fewer units left than asked for; nothing was taken. */
    record CapReached(int remaining) implements PreorderOutcome {
    }
}
