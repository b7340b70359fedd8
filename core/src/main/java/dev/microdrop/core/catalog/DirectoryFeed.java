package dev.microdrop.core.catalog;

import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.DropStatus;
import dev.microdrop.core.drop.DropSummary;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.Sku;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The directory feed's use case: the drops deal directories and search engines may list. A drop is listed from the
 * moment it is published until it closes (upcoming and open ones; a closed drop is gone), the soonest opening first.
 * Each is read through the same port, and so the same per-instance cache, as {@code GET /drops/{dropId}}; a drop
 * named by the directory that cannot be read any more is left out.
 */
public final class DirectoryFeed {

    private final DropReader drops;
    private final Clock clock;

    public DirectoryFeed(DropReader drops, Clock clock) {
        this.drops = drops;
        this.clock = clock;
    }

    public DirectoryView directory() {
        Instant now = clock.instant();
        List<DirectoryEntry> entries = new ArrayList<>();
        for (DropSummary summary : drops.list()) {
            if (summary.statusAt(now) == DropStatus.CLOSED) {
                continue;
            }
            Optional<DropSnapshot> snapshot = drops.read(summary.dropId());
            snapshot.map(s -> entry(s, now)).filter(e -> e.status() != DropStatus.CLOSED).ifPresent(entries::add);
        }
        entries.sort(Comparator.comparing((DirectoryEntry e) -> e.drop().opensAt())
                .thenComparing(e -> e.drop().dropId()));
        return new DirectoryView(entries, now);
    }

    static DirectoryEntry entry(DropSnapshot snapshot, Instant now) {
        List<Money> prices = snapshot.drop().skus().stream().map(Sku::price).toList();
        Comparator<Money> byAmount = Comparator.comparingLong(Money::minorUnits);
        return new DirectoryEntry(snapshot, snapshot.drop().statusAt(now), Availability.of(snapshot, now),
                prices.stream().min(byAmount).orElseThrow(), prices.stream().max(byAmount).orElseThrow());
    }
}
