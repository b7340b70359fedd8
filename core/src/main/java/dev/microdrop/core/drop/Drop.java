package dev.microdrop.core.drop;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A limited-edition drop: what is sold, when, at what price, and the rules every checkout obeys.
 *
 * @param perBuyerLimit   most units one buyer may hold or own across the whole drop, over all orders
 * @param holdDuration    how long a checkout holds stock for payment before the hold expires
 * @param restockOnRefund whether a refunded unit goes back on sale (true) or is written off (false)
 * @param insiders        early access before {@code opensAt}, or null for none
 * @param shipFrom        the hubs whose stock a shipped order may draw from, for SKUs split by hub; empty: any hub
 *                        that holds the SKU
 * @param preorder        how the drop takes pre-orders once a SKU is sold out for good, or null for none
 * @param listing         what storefronts and directories show beyond what is sold (story, cadence, storefront)
 */
public record Drop(
        String dropId,
        String name,
        Currency currency,
        Instant opensAt,
        Instant closesAt,
        int perBuyerLimit,
        Duration holdDuration,
        boolean shipping,
        List<PickupHub> hubs,
        List<Sku> skus,
        WavePlan wavePlan,
        boolean restockOnRefund,
        Insiders insiders,
        List<String> shipFrom,
        PreorderTerms preorder,
        DropListing listing) {

    /** A drop that tells nothing beyond what it sells ({@link DropListing#NONE}). */
    public Drop(String dropId, String name, Currency currency, Instant opensAt, Instant closesAt, int perBuyerLimit,
            Duration holdDuration, boolean shipping, List<PickupHub> hubs, List<Sku> skus, WavePlan wavePlan,
            boolean restockOnRefund, Insiders insiders, List<String> shipFrom, PreorderTerms preorder) {
        this(dropId, name, currency, opensAt, closesAt, perBuyerLimit, holdDuration, shipping, hubs, skus, wavePlan,
                restockOnRefund, insiders, shipFrom, preorder, DropListing.NONE);
    }

    /** A drop that takes no pre-orders. */
    public Drop(String dropId, String name, Currency currency, Instant opensAt, Instant closesAt, int perBuyerLimit,
            Duration holdDuration, boolean shipping, List<PickupHub> hubs, List<Sku> skus, WavePlan wavePlan,
            boolean restockOnRefund, Insiders insiders, List<String> shipFrom) {
        this(dropId, name, currency, opensAt, closesAt, perBuyerLimit, holdDuration, shipping, hubs, skus, wavePlan,
                restockOnRefund, insiders, shipFrom, null);
    }

    /** A drop whose shipped orders may draw from any hub. */
    public Drop(String dropId, String name, Currency currency, Instant opensAt, Instant closesAt, int perBuyerLimit,
            Duration holdDuration, boolean shipping, List<PickupHub> hubs, List<Sku> skus, WavePlan wavePlan,
            boolean restockOnRefund, Insiders insiders) {
        this(dropId, name, currency, opensAt, closesAt, perBuyerLimit, holdDuration, shipping, hubs, skus, wavePlan,
                restockOnRefund, insiders, List.of());
    }

    /** A drop that puts refunded units back on sale, the default, with no early access. */
    public Drop(String dropId, String name, Currency currency, Instant opensAt, Instant closesAt, int perBuyerLimit,
            Duration holdDuration, boolean shipping, List<PickupHub> hubs, List<Sku> skus, WavePlan wavePlan) {
        this(dropId, name, currency, opensAt, closesAt, perBuyerLimit, holdDuration, shipping, hubs, skus, wavePlan,
                true, null);
    }

    /** A drop with no early access. */
    public Drop(String dropId, String name, Currency currency, Instant opensAt, Instant closesAt, int perBuyerLimit,
            Duration holdDuration, boolean shipping, List<PickupHub> hubs, List<Sku> skus, WavePlan wavePlan,
            boolean restockOnRefund) {
        this(dropId, name, currency, opensAt, closesAt, perBuyerLimit, holdDuration, shipping, hubs, skus, wavePlan,
                restockOnRefund, null);
    }

    /**
     * The same drop, every time moved by {@code offset} (pickup slots too, with ids from their new start): to play a
     * manifest's timeline from another moment.
     */
    public Drop shiftedBy(Duration offset) {
        WavePlan plan = new WavePlan(wavePlan.waves().stream()
                .map(w -> new Wave(w.number(), w.at().plus(offset), w.shareBasisPoints())).toList());
        Insiders early = insiders == null ? null
                : insiders.shiftedBy(offset);
        List<PickupHub> shiftedHubs = hubs.stream().map(h -> h.withSlots(h.slots().stream()
                .map(s -> Slot.of(s.start().plus(offset), s.end().plus(offset), s.capacity())).toList())).toList();
        return new Drop(dropId, name, currency, opensAt.plus(offset), closesAt.plus(offset), perBuyerLimit,
                holdDuration, shipping, shiftedHubs, skus, plan, restockOnRefund, early, shipFrom,
                preorder == null ? null : preorder.shiftedBy(offset), listing);
    }

    /**
     * When wave {@code n} goes out. With early access, the first wave goes out when early access begins, so the
     * insiders' tranche is there to buy; everyone else still waits for {@code opensAt}.
     */
    public Instant waveAt(int n) {
        if (n == 1 && insiders != null) {
            return insiders.opensAt();
        }
        return wavePlan.waves().get(n - 1).at();
    }

    /** The number of the last wave due at {@code now} (0 before the first), early access included. */
    public int wavesDueAt(Instant now) {
        int due = wavePlan.lastWaveDueAt(now);
        return insiders != null && !now.isBefore(insiders.opensAt()) ? Math.max(1, due) : due;
    }

    /**
     * The same drop closed at {@code now}: nothing more can be held, and later waves release nothing. A drop that
     * had not opened yet is closed before it opened.
     */
    public Drop closedAt(Instant now) {
        Instant opens = opensAt.isBefore(now) ? opensAt : now.minusMillis(1);
        Insiders early = insiders != null && insiders.opensAt().isBefore(opens) ? insiders : null;
        WavePlan plan = new WavePlan(wavePlan.waves().stream()
                .map(w -> new Wave(w.number(), w.at().isBefore(opens) ? w.at() : opens, w.shareBasisPoints())).toList());
        return new Drop(dropId, name, currency, opens, now, perBuyerLimit, holdDuration, shipping, hubs, skus, plan,
                restockOnRefund, early, shipFrom, preorder, listing);
    }

    /** When buying starts for anyone with access: early access if there is one, else the opening. */
    public Instant firstSaleAt() {
        return insiders == null ? opensAt : insiders.opensAt();
    }

    /**
     * The most units one buyer may hold or own in this drop: insiders (early access, a flash window) buy within the
     * insiders' limit too, when the drop sets one.
     */
    public int limitFor(boolean insider) {
        return insider && insiders != null ? Math.min(perBuyerLimit, insiders.perBuyerLimit()) : perBuyerLimit;
    }

    /** In the insider window: early access has begun and the drop has not opened yet. */
    public boolean insiderWindowAt(Instant now) {
        return insiders != null && !now.isBefore(insiders.opensAt()) && now.isBefore(opensAt);
    }

    public Drop {
        Ids.requireId("dropId", dropId);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(opensAt, "opensAt");
        Objects.requireNonNull(closesAt, "closesAt");
        Objects.requireNonNull(holdDuration, "holdDuration");
        Objects.requireNonNull(wavePlan, "wavePlan");
        hubs = List.copyOf(hubs);
        skus = List.copyOf(skus);
        shipFrom = List.copyOf(shipFrom);
        listing = listing == null ? DropListing.NONE : listing;
        if (!closesAt.isAfter(opensAt)) {
            throw new IllegalArgumentException("a drop closes after it opens");
        }
        if (insiders != null && !insiders.opensAt().isBefore(opensAt)) {
            throw new IllegalArgumentException("early access begins before the drop opens");
        }
        if (perBuyerLimit < 1) {
            throw new IllegalArgumentException("perBuyerLimit must be at least 1");
        }
        if (holdDuration.isNegative() || holdDuration.isZero()) {
            throw new IllegalArgumentException("holdDuration must be positive");
        }
        if (skus.isEmpty()) {
            throw new IllegalArgumentException("a drop sells at least one SKU");
        }
        Set<String> seen = new HashSet<>();
        for (Sku sku : skus) {
            if (!seen.add(sku.sku())) {
                throw new IllegalArgumentException("duplicate SKU " + sku.sku());
            }
            if (!sku.price().currency().equals(currency)) {
                throw new IllegalArgumentException("SKU " + sku.sku() + " is priced in " + sku.price().currency()
                        + " but the drop sells in " + currency);
            }
        }
        Set<String> hubIds = new HashSet<>();
        for (PickupHub hub : hubs) {
            if (!hubIds.add(hub.hubId())) {
                throw new IllegalArgumentException("duplicate hub " + hub.hubId());
            }
        }
        for (Sku sku : skus) {
            for (String hub : sku.hubUnits().keySet()) {
                if (!hubIds.contains(hub)) {
                    throw new IllegalArgumentException("SKU " + sku.sku() + " has stock at unknown hub " + hub);
                }
            }
        }
        for (String hub : shipFrom) {
            if (!hubIds.contains(hub)) {
                throw new IllegalArgumentException("shipFrom names unknown hub " + hub);
            }
        }
    }

    /**
     * The hubs a line of {@code sku} may draw from for this fulfilment: the pickup hub, or for shipping the hubs
     * of {@link #shipFrom} (all when empty) that hold the SKU, in the manifest's order. Empty for a SKU sold from
     * one pool.
     */
    public List<String> hubsServing(Sku sku, boolean pickup, String pickupHub) {
        if (!sku.splitByHub()) {
            return List.of();
        }
        if (pickup) {
            return List.of(pickupHub);
        }
        return sku.hubUnits().keySet().stream().filter(h -> shipFrom.isEmpty() || shipFrom.contains(h)).toList();
    }

    public Optional<Sku> sku(String skuId) {
        return skus.stream().filter(s -> s.sku().equals(skuId)).findFirst();
    }

    public Optional<PickupHub> hub(String hubId) {
        return hubs.stream().filter(h -> h.hubId().equals(hubId)).findFirst();
    }

    /** Whether the drop takes pre-orders at {@code now}: it has pre-order terms and has not closed. */
    public boolean takesPreordersAt(Instant now) {
        return preorder != null && now.isBefore(closesAt);
    }

    public DropStatus statusAt(Instant now) {
        return DropStatus.at(opensAt, closesAt, now);
    }
}
