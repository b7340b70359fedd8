package dev.microdrop.core.merchant;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.PublishResult;
import dev.microdrop.core.events.DomainEvent;

import java.time.Instant;

/**
 * Port out: writes a drop as published: created with its stock, or updated without ever resetting what is held or
 * sold ({@link dev.microdrop.core.drop.Republish} decides what an update may change), and with it the
 * {@link DomainEvent.DropPublished} event the shop plans around. A refused publish writes neither.
 */
public interface DropPublisher {

    /** Publishes {@code drop} at {@code published.occurredAt()}, writing {@code published} through the outbox. */
    PublishResult publish(Drop drop, DomainEvent.DropPublished published);

    /** Publishes {@code drop} at {@code now} with the event the core makes for it. */
    default PublishResult publish(Drop drop, Instant now) {
        return publish(drop, DomainEvent.dropPublished(drop, now));
    }
}
