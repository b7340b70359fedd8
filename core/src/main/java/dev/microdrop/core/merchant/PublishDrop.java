package dev.microdrop.core.merchant;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.PublishResult;
import dev.microdrop.core.waves.WaveSchedules;
import java.time.Clock;
import java.util.List;

/**
 * {@code POST /merchant/drops}: a drop published for its merchant (created, or updated without resetting what is held
 * or sold), its waves' timers made to match its plan.
 */
public final class PublishDrop {

    /** What publishing a drop came to. */
    public sealed interface Outcome {
    }

    /** The drop id belongs to another merchant; nothing was written. */
    public record IdTaken(String dropId) implements Outcome {
    }

    /** The publisher refused the drop as it is ({@code reasons}); nothing was written. */
    public record Refused(List<String> reasons) implements Outcome {
        public Refused {
            reasons = List.copyOf(reasons);
        }
    }

    /** Published: {@code created}, or updated with {@code changes}; {@code wavesScheduled} where timers exist. */
    public record Published(String dropId, boolean created, List<String> changes, boolean wavesScheduled)
            implements Outcome {
        public Published {
            changes = List.copyOf(changes);
        }
    }

    private final MerchantViews views;
    private final DropPublisher publisher;
    private final WaveSchedules schedules;
    private final Clock clock;

    public PublishDrop(MerchantViews views, DropPublisher publisher, WaveSchedules schedules, Clock clock) {
        this.views = views;
        this.publisher = publisher;
        this.schedules = schedules;
        this.clock = clock;
    }

    public Outcome publish(String merchant, Drop drop) {
        if (!views.claim(drop.dropId(), merchant)) {
            return new IdTaken(drop.dropId());
        }
        return switch (publisher.publish(drop, clock.instant())) {
            case PublishResult.Refused refused -> new Refused(refused.reasons());
            case PublishResult.Created ignored -> new Published(drop.dropId(), true, List.of(), schedules.schedule(drop));
            case PublishResult.Updated updated ->
                    new Published(drop.dropId(), false, updated.changes(), schedules.schedule(drop));
        };
    }
}
