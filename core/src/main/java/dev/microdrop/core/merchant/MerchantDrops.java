package dev.microdrop.core.merchant;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.DropStatus;
import dev.microdrop.core.drop.StockLevel;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code GET /merchant/drops}: the merchant's drops, each with where it stands now. */
public final class MerchantDrops {

    /**
     * Where a drop stands for its merchant: the catalog's {@code status} ({@code scheduled}, {@code open},
     * {@code closed}) told apart further by what the catalog shows beside it ({@code paused}, every SKU
     * {@code soldOut}) and by early access.
     */
    public enum State {
        /** Nobody can buy yet: before early access, or before the opening without it. */
        SCHEDULED,
        /** Insiders with an access token can buy; the public opening is still to come. */
        EARLY_ACCESS,
        OPEN,
        /** Open or in early access, but the merchant paused sales. */
        PAUSED,
        /** Open, not a unit available, and no wave left to release any. */
        SOLD_OUT,
        CLOSED;

        /** As the API spells it: {@code early-access}, {@code sold-out}. */
        public String spelling() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static State of(DropSnapshot snapshot, Instant now) {
            Drop drop = snapshot.drop();
            if (drop.statusAt(now) == DropStatus.CLOSED) {
                return CLOSED;
            }
            boolean early = drop.insiderWindowAt(now);
            if (!early && drop.statusAt(now) == DropStatus.SCHEDULED) {
                return SCHEDULED;
            }
            if (snapshot.paused()) {
                return PAUSED;
            }
            if (early) {
                return EARLY_ACCESS;
            }
            boolean noneLeft = snapshot.stock().values().stream().allMatch(s -> s.available() <= 0);
            boolean wavesOut = drop.wavesDueAt(now) >= drop.wavePlan().waves().size();
            return noneLeft && wavesOut ? SOLD_OUT : OPEN;
        }
    }

    /** One of the merchant's drops: its state at the time asked, and its units released and sold so far. */
    public record Row(String dropId, String name, State state, Instant opensAt, Instant closesAt, String currency,
                      int totalUnits, int unitsReleased, int unitsSold) {
    }

    private final MerchantViews views;
    private final DropReader drops;
    private final Clock clock;

    public MerchantDrops(MerchantViews views, DropReader drops, Clock clock) {
        this.views = views;
        this.drops = drops;
        this.clock = clock;
    }

    /** The drops {@code merchantId} owns and that are published, by opening time then id. */
    public List<Row> drops(String merchantId) {
        Instant now = clock.instant();
        return views.dropsOf(merchantId).stream().map(drops::read).flatMap(Optional::stream)
                .map(snapshot -> row(snapshot, now))
                .sorted(Comparator.comparing(Row::opensAt).thenComparing(Row::dropId))
                .toList();
    }

    private static Row row(DropSnapshot snapshot, Instant now) {
        Drop drop = snapshot.drop();
        return new Row(drop.dropId(), drop.name(), State.of(snapshot, now), drop.opensAt(), drop.closesAt(),
                drop.currency().getCurrencyCode(), drop.skus().stream().mapToInt(s -> s.totalUnits()).sum(),
                snapshot.stock().values().stream().mapToInt(StockLevel::released).sum(),
                snapshot.stock().values().stream().mapToInt(StockLevel::sold).sum());
    }
}
