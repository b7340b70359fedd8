package dev.microdrop.core.merchant;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.PublishResult;
import java.time.Instant;

/**
 * Port out: writes a drop as published: created with its stock, or updated without ever resetting what is held or
 * sold ({@link dev.microdrop.core.drop.Republish} decides what an update may change).
 */
public interface DropPublisher {

    PublishResult publish(Drop drop, Instant now);
}
