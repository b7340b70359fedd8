package dev.microdrop.core.waves;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropReader;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.DropStatus;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.Tranches;
import dev.microdrop.core.events.DomainEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fires a wave of a drop's staged release: a scheduled one, a late one, a repeated one, or a merchant's "release
 * now". Each wave's units go on sale exactly once; firing it again, or after a later wave, or after the drop
 * closed, changes nothing. Release targets are cumulative (units released by waves 1..n), so waves that fire out
 * of order never release a unit twice.
 */
public final class WaveService {

    private final DropReader drops;
    private final WaveReleases releases;
    private final Clock clock;

    public WaveService(DropReader drops, WaveReleases releases, Clock clock) {
        this.drops = drops;
        this.releases = releases;
        this.clock = clock;
    }

    public WaveResult fire(String dropId, int wave) {
        Instant now = clock.instant();
        Optional<DropSnapshot> snapshot = drops.read(dropId);
        if (snapshot.isEmpty()) {
            return new WaveResult.NotReleased("no drop " + dropId);
        }
        Drop drop = snapshot.get().drop();
        if (wave < 1 || wave > drop.wavePlan().waves().size()) {
            return new WaveResult.NotReleased("drop " + dropId + " has no wave " + wave);
        }
        if (drop.statusAt(now) == DropStatus.CLOSED) {
            return new WaveResult.NotReleased("drop " + dropId + " closed at " + drop.closesAt());
        }
        Map<String, Integer> targets = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> hubTargets = new LinkedHashMap<>();
        Map<String, Tranches> tranches = new LinkedHashMap<>();
        for (Sku sku : drop.skus()) {
            targets.put(sku.sku(), sku.releasedAfter(drop.wavePlan(), wave));
            if (sku.splitByHub()) {
                hubTargets.put(sku.sku(), sku.hubsReleasedAfter(drop.wavePlan(), wave));
            }
            if (wave == 1 && drop.insiders() != null) {
                tranches.put(sku.sku(), Tranches.of(drop.insiders(), sku.releasedAfter(drop.wavePlan(), 1)));
            }
        }
        DomainEvent.WaveReleased event = new DomainEvent.WaveReleased("evt_" + dropId + "_wave_" + wave, now, dropId,
                wave, List.of());
        return releases.release(dropId, wave, targets, hubTargets, tranches, event, now);
    }
}
