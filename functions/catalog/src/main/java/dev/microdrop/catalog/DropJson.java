package dev.microdrop.catalog;

import dev.microdrop.core.drop.Coordinates;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.DropStatus;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.drop.WavePlan;
import dev.microdrop.core.stock.StockPools;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A drop as the catalog answers it: the API's contract, see docs/openapi.yaml. {@code paused}: its merchant paused
 * sales (checkouts answer {@code drop-paused} until they resume). {@code earlyAccess}, {@code preorder} and
 * {@code story} are left out for a drop without them.
 */
record DropJson(
        String dropId,
        String name,
        String status,
        boolean paused,
        Instant opensAt,
        Instant closesAt,
        String currency,
        int perBuyerLimit,
        long holdSeconds,
        boolean shipping,
        List<String> shipFrom,
        List<HubJson> hubs,
        List<SkuJson> skus,
        List<WaveJson> waves,
        Instant stockAsOf,
        EarlyAccessJson earlyAccess,
        PreorderJson preorder,
        String story) {

    /** The insiders' window before {@code opensAt}: buyers with their own access token may buy from {@code opensAt}. */
    record EarlyAccessJson(Instant opensAt, int perBuyerLimit) {
    }

    /** The drop takes pre-orders of SKUs sold out for good, with a deposit, until it closes. */
    record PreorderJson(int depositBasisPoints, Instant confirmBy) {
    }

    /**
     * {@code address}, {@code coordinates} and {@code pickupPromise} (an ISO 8601 duration: an order is ready within
     * it after payment) are left out for a hub without them.
     */
    record HubJson(String hubId, String name, String address, CoordinatesJson coordinates, String pickupPromise,
                   List<SlotJson> slots) {

        static HubJson of(PickupHub hub, DropSnapshot snapshot) {
            return new HubJson(hub.hubId(), hub.name(), hub.address(), CoordinatesJson.of(hub.coordinates()),
                    hub.pickupPromise() == null ? null : hub.pickupPromise().toString(), hub.slots().stream()
                    .map(s -> new SlotJson(s.slotId(), s.start(), s.end(), s.capacity(),
                            Math.max(0, snapshot.seatsLeft(hub.hubId(), s.slotId())))).toList());
        }
    }

    /** WGS 84 decimal degrees. */
    record CoordinatesJson(double lat, double lon) {

        static CoordinatesJson of(Coordinates coordinates) {
            return coordinates == null ? null : new CoordinatesJson(coordinates.latitude(), coordinates.longitude());
        }
    }

    /** A pickup slot and its seats left, as of {@code stockAsOf}. */
    record SlotJson(String slotId, Instant start, Instant end, int capacity, int seatsLeft) {
    }

    record PriceJson(String currency, long minorUnits) {
    }

    /**
     * {@code available}: units a buyer can take now; {@code released}: units released by the waves so far;
     * {@code stockByHub}: the same per hub for a SKU whose units sit at several hubs (a pickup takes its hub's
     * units, a shipment those of one ship-from hub), empty otherwise; {@code maxPerShipment}: the most units one
     * shipped order can take (the fullest ship-from hub's, for a SKU split by hub; else {@code available}), left out
     * when the drop does not ship; {@code insidersOnlyUntil}: while an insiders' flash-restock window runs, only
     * buyers with an access token may hold this SKU until then (left out otherwise).
     */
    record SkuJson(String sku, String productId, String productName, String variantName, PriceJson price,
                   int totalUnits, int released, int available, boolean soldOut, List<HubStockJson> stockByHub,
                   Integer maxPerShipment, Instant insidersOnlyUntil) {
    }

    record HubStockJson(String hubId, int totalUnits, int released, int available) {
    }

    record WaveJson(int number, Instant at, int shareBasisPoints, double sharePercent) {
    }

    /** The same drop without the time of its read: what its ETag is made of. */
    DropJson withoutReadTime() {
        return new DropJson(dropId, name, status, paused, opensAt, closesAt, currency, perBuyerLimit, holdSeconds,
                shipping, shipFrom, hubs, skus, waves, null, earlyAccess, preorder, story);
    }

    static DropJson of(DropSnapshot snapshot, DropStatus status) {
        Drop drop = snapshot.drop();
        return new DropJson(
                drop.dropId(),
                drop.name(),
                status.name().toLowerCase(Locale.ROOT),
                snapshot.paused(),
                drop.opensAt(),
                drop.closesAt(),
                drop.currency().getCurrencyCode(),
                drop.perBuyerLimit(),
                drop.holdDuration().toSeconds(),
                drop.shipping(),
                drop.shipFrom(),
                drop.hubs().stream().map(h -> HubJson.of(h, snapshot)).toList(),
                drop.skus().stream().map(s -> sku(drop, s, snapshot)).toList(),
                drop.wavePlan().waves().stream().map(w -> new WaveJson(w.number(), w.at(), w.shareBasisPoints(),
                        w.shareBasisPoints() * 100.0 / WavePlan.WHOLE)).toList(),
                snapshot.readAt(),
                drop.insiders() == null ? null
                        : new EarlyAccessJson(drop.insiders().opensAt(), drop.insiders().perBuyerLimit()),
                drop.preorder() == null ? null
                        : new PreorderJson(drop.preorder().depositBasisPoints(), drop.preorder().confirmBy()),
                drop.listing().story());
    }

    private static SkuJson sku(Drop drop, Sku sku, DropSnapshot snapshot) {
        StockLevel level = snapshot.stockOf(sku.sku()).orElse(new StockLevel(sku.sku(), 0, 0, 0, 0));
        int available = Math.max(0, level.available());
        return new SkuJson(sku.sku(), sku.productId(), sku.productName(), sku.variantName(),
                new PriceJson(sku.price().currency().getCurrencyCode(), sku.price().minorUnits()),
                sku.totalUnits(), level.released(), available, available == 0,
                sku.hubUnits().entrySet().stream().map(hub -> {
                    StockLevel at = level.hubs().getOrDefault(hub.getKey(), new StockLevel(sku.sku(), 0, 0, 0, 0));
                    return new HubStockJson(hub.getKey(), hub.getValue(), at.released(), Math.max(0, at.available()));
                }).toList(),
                drop.shipping() ? StockPools.mostInOneShipment(drop, sku, level) : null,
                snapshot.inFlashWindow(sku.sku(), snapshot.readAt()) ? snapshot.flashUntil().get(sku.sku()) : null);
    }
}
