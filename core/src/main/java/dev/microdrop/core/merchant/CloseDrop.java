package dev.microdrop.core.merchant;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.PublishResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** {@code POST .../close}: ends a drop's sales now; later waves release nothing. */
public final class CloseDrop {

    /** What closing a drop came to. */
    public sealed interface Outcome {
    }

    /** Sales ended at {@code at}. */
    public record Closed(String dropId, Instant at) implements Outcome {
    }

    /** The publisher refused the closed version ({@code reasons}); nothing changed. */
    public record Refused(List<String> reasons) implements Outcome {
        public Refused {
            reasons = List.copyOf(reasons);
        }
    }

    private final DropPublisher publisher;
    private final Clock clock;

    public CloseDrop(DropPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    public Outcome close(Drop drop) {
        Instant now = clock.instant();
        return publisher.publish(drop.closedAt(now), now) instanceof PublishResult.Refused refused
                ? new Refused(refused.reasons()) : new Closed(drop.dropId(), now);
    }
}
