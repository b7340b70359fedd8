package dev.microdrop.core.catalog;

import dev.microdrop.core.drop.DropSummary;
import java.time.Instant;
import java.util.List;

/** The drop directory at {@code serverTime}. */
public record DropListView(List<DropSummary> drops, Instant serverTime) {
}
