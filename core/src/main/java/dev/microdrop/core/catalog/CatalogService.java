package dev.microdrop.core.catalog;

import dev.microdrop.core.drop.CachedDropReader;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Serves drops from the per-instance cache; the table is read at most once per drop per cache window. */
public final class CatalogService implements CatalogQuery {

    private final CachedDropReader drops;
    private final Clock clock;
    private final DirectoryFeed directory;

    public CatalogService(CachedDropReader drops, Clock clock) {
        this.drops = drops;
        this.clock = clock;
        this.directory = new DirectoryFeed(drops, clock);
    }

    @Override
    public Optional<DropView> drop(String dropId) {
        Instant now = clock.instant();
        return drops.read(dropId).map(s -> new DropView(s, s.drop().statusAt(now), now));
    }

    @Override
    public DropListView drops() {
        return new DropListView(drops.list(), clock.instant());
    }

    @Override
    public DirectoryView directory() {
        return directory.directory();
    }
}
