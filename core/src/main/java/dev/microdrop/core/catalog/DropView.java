package dev.microdrop.core.catalog;

import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.DropStatus;
import java.time.Instant;

/** A drop as a storefront sees it at {@code serverTime}: its state, stock as of {@code snapshot.readAt()}. */
public record DropView(DropSnapshot snapshot, DropStatus status, Instant serverTime) {
}
