package dev.microdrop.core.catalog;

import java.time.Instant;
import java.util.List;

/** The drops a directory lists at {@code serverTime}: upcoming and open ones, the soonest first. */
public record DirectoryView(List<DirectoryEntry> entries, Instant serverTime) {

    public DirectoryView {
        entries = List.copyOf(entries);
    }
}
