package dev.microdrop.core.drop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-instance cache in front of the table: within one window, a burst of reads of a drop costs the table
 * at most one read, however many callers arrive at once (concurrent misses wait for the one load in flight).
 *
 * <p>Writes that learn a SKU's counters (a refused hold returns the item's old values) feed them back with
 * {@link #learn}, so a sold-out SKU is known here and late buyers are turned away without a table write until
 * the window ends and the drop is read again.
 */
public final class CachedDropReader implements DropReader {

    private static final String LIST_KEY = "\u0000list";

    private final DropReader table;
    private final Clock clock;
    private final Duration window;
    private final Map<String, Entry<Optional<DropSnapshot>>> drops = new ConcurrentHashMap<>();
    private final Map<String, Entry<List<DropSummary>>> lists = new ConcurrentHashMap<>();

    public CachedDropReader(DropReader table, Clock clock, Duration window) {
        this.table = table;
        this.clock = clock;
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    @Override
    public Optional<DropSnapshot> read(String dropId) {
        return cached(drops, dropId, () -> table.read(dropId));
    }

    @Override
    public List<DropSummary> list() {
        return cached(lists, LIST_KEY, table::list);
    }

    /**
     * Records counters learnt from a write, so the next reads in this window see them: a SKU's, or one stock
     * shard's ({@link StockLevel#shard()}), which replace that shard's in the SKU's.
     */
    public void learn(String dropId, StockLevel level) {
        drops.computeIfPresent(dropId, (id, entry) -> {
            if (!entry.value.isDone() || entry.value.isCompletedExceptionally()) {
                return entry;
            }
            Optional<DropSnapshot> snapshot = entry.value.join();
            if (snapshot.isEmpty() || snapshot.get().stockOf(level.sku()).isEmpty()) {
                return entry;
            }
            Map<String, StockLevel> stock = new HashMap<>(snapshot.get().stock());
            // One shard's counters replace that shard's within the SKU's.
            stock.put(level.sku(), level.shard() == null ? level : stock.get(level.sku()).withShard(level));
            DropSnapshot updated = snapshot.get().withStock(stock);
            return new Entry<>(CompletableFuture.completedFuture(Optional.of(updated)), entry.loadedAt);
        });
    }

    /** Forgets everything, e.g. after a merchant changed a drop. */
    public void invalidate() {
        drops.clear();
        lists.clear();
    }

    private <T> T cached(Map<String, Entry<T>> entries, String key, Loader<T> loader) {
        Instant now = clock.instant();
        Entry<T> candidate = new Entry<>(new CompletableFuture<>(), now);
        Entry<T> entry = entries.compute(key, (k, old) -> usable(old, now) ? old : candidate);
        if (entry == candidate) {
            try {
                candidate.value.complete(loader.load());
            } catch (RuntimeException e) {
                entries.remove(key, candidate);
                candidate.value.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return entry.value.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private boolean usable(Entry<?> entry, Instant now) {
        if (entry == null || entry.value.isCompletedExceptionally()) {
            return false;
        }
        // A load in flight is joined rather than repeated; a finished one serves until its window ends.
        return !entry.value.isDone() || now.isBefore(entry.loadedAt.plus(window));
    }

    private record Entry<T>(CompletableFuture<T> value, Instant loadedAt) {
    }

    @FunctionalInterface
    private interface Loader<T> {
        T load();
    }
}
