package dev.microdrop.core.manifest;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropListing;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.Wave;
import dev.microdrop.core.drop.WavePlan;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One drop as its merchant versions it: a YAML file in their repository ({@code drops/<dropId>.yaml}, format in
 * {@code drops/manifest.schema.json}), read by {@code YamlManifests} in infrastructure. Times are instants: the
 * file's local times resolved in {@code timeZone}.
 *
 * <p>A manifest holds its values as written, so that every broken rule can be reported in one go: the
 * constructors refuse only nulls, and {@link #violations()} checks the rules, within a field and across fields. A
 * manifest is fit for use when it has none; {@link #toDrop()} refuses one that has any, and
 * {@code YamlManifests.parse} never returns one.
 *
 * @param opensAt       when the public sale opens (insiders may get in earlier, see {@link #insiders})
 * @param holdMinutes   how long a checkout holds stock for payment
 * @param shipFrom      the hubs whose stock shipping draws from; empty: all of the drop's stock. Only with shipping
 * @param waves         the staged release, {@link ManifestWaves#standard()} when the file names none
 * @param hubs          pickup hubs; a drop that does not ship needs at least one
 * @param preorder      present only when preorders are enabled
 * @param storefront    the storefront's origins, for the deployed function URLs' CORS; absent when not given
 * @param story         a short text about the drop that storefronts and directories show; absent when not given
 * @param cadence       how often the shop drops, in the merchant's words ("every first Saturday"); absent when not
 *                      given
 * @param interests     the audience's interests the drop is for, as written (lower-case tags, a few at most); empty
 *                      when not given
 */
public record DropManifest(
        String dropId,
        String name,
        Currency currency,
        ZoneId timeZone,
        Instant opensAt,
        Instant closesAt,
        int perBuyerLimit,
        int holdMinutes,
        boolean shipping,
        List<String> shipFrom,
        boolean restockOnRefund,
        List<Product> products,
        ManifestWaves waves,
        Optional<Insiders> insiders,
        List<Hub> hubs,
        Optional<Preorder> preorder,
        Optional<Storefront> storefront,
        Optional<String> story,
        Optional<String> cadence,
        List<String> interests) {

    /** A manifest that names no interests. */
    public DropManifest(String dropId, String name, Currency currency, ZoneId timeZone, Instant opensAt,
            Instant closesAt, int perBuyerLimit, int holdMinutes, boolean shipping, List<String> shipFrom,
            boolean restockOnRefund, List<Product> products, ManifestWaves waves, Optional<Insiders> insiders,
            List<Hub> hubs, Optional<Preorder> preorder, Optional<Storefront> storefront, Optional<String> story,
            Optional<String> cadence) {
        this(dropId, name, currency, timeZone, opensAt, closesAt, perBuyerLimit, holdMinutes, shipping, shipFrom,
                restockOnRefund, products, waves, insiders, hubs, preorder, storefront, story, cadence, List.of());
    }

    /** A manifest without a story or a cadence. */
    public DropManifest(String dropId, String name, Currency currency, ZoneId timeZone, Instant opensAt,
            Instant closesAt, int perBuyerLimit, int holdMinutes, boolean shipping, List<String> shipFrom,
            boolean restockOnRefund, List<Product> products, ManifestWaves waves, Optional<Insiders> insiders,
            List<Hub> hubs, Optional<Preorder> preorder, Optional<Storefront> storefront) {
        this(dropId, name, currency, timeZone, opensAt, closesAt, perBuyerLimit, holdMinutes, shipping, shipFrom,
                restockOnRefund, products, waves, insiders, hubs, preorder, storefront, Optional.empty(),
                Optional.empty());
    }

    /** A manifest without a storefront (one that only plays locally). */
    public DropManifest(String dropId, String name, Currency currency, ZoneId timeZone, Instant opensAt,
            Instant closesAt, int perBuyerLimit, int holdMinutes, boolean shipping, List<String> shipFrom,
            boolean restockOnRefund, List<Product> products, ManifestWaves waves, Optional<Insiders> insiders,
            List<Hub> hubs, Optional<Preorder> preorder) {
        this(dropId, name, currency, timeZone, opensAt, closesAt, perBuyerLimit, holdMinutes, shipping, shipFrom,
                restockOnRefund, products, waves, insiders, hubs, preorder, Optional.empty());
    }

    public DropManifest {
        Objects.requireNonNull(dropId, "dropId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(opensAt, "opensAt");
        Objects.requireNonNull(closesAt, "closesAt");
        Objects.requireNonNull(waves, "waves");
        Objects.requireNonNull(insiders, "insiders");
        Objects.requireNonNull(preorder, "preorder");
        Objects.requireNonNull(storefront, "storefront");
        Objects.requireNonNull(story, "story");
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(interests, "interests");
        shipFrom = List.copyOf(shipFrom);
        products = List.copyOf(products);
        hubs = List.copyOf(hubs);
        interests = List.copyOf(interests);
    }

    /** Every rule this manifest breaks, in the order of the file; empty when it is fit to use. */
    public List<ManifestViolation> violations() {
        return ManifestRules.check(this);
    }

    /** Every variant of every product, in the order written. */
    public List<Variant> variants() {
        return products.stream().flatMap(p -> p.variants().stream()).toList();
    }

    public Optional<Variant> variant(String sku) {
        return variants().stream().filter(v -> v.sku().equals(sku)).findFirst();
    }

    /** Each SKU's total units, in the order written. */
    public Map<String, Integer> totalUnits() {
        Map<String, Integer> totals = new LinkedHashMap<>();
        variants().forEach(v -> totals.putIfAbsent(v.sku(), v.units()));
        return Collections.unmodifiableMap(totals);
    }

    /**
     * Units of each SKU on sale once waves 1..{@code waveNumber} have fired (0 before the first, the SKU's total
     * from the last on), from the waves as written: shares or units alike. These are the cumulative targets
     * a wave release raises each SKU to.
     */
    public Map<String, Integer> releasedAfter(int waveNumber) {
        Map<String, Integer> released = new LinkedHashMap<>();
        totalUnits().forEach((sku, total) -> released.put(sku, waves.releasedAfter(waveNumber, sku, total)));
        return Collections.unmodifiableMap(released);
    }

    /**
     * The units per SKU and wave as written, by SKU then wave, when {@link #toDrop()} cannot carry it: the waves name units
     * per SKU and no plan of shares releases exactly those units for every SKU. Empty otherwise, which is the
     * normal case. {@link #toDrop()} gives each SKU its units per wave, so every wave releases exactly these; the
     * drop's {@link WavePlan} then only says when the waves fire (its shares approximate the drop as a whole).
     */
    public Map<String, List<Integer>> waveUnits() {
        if (!(waves instanceof ManifestWaves.ByUnits byUnits) || byUnits.exactBasisPoints(totalUnits()).isPresent()) {
            return Map.of();
        }
        Map<String, List<Integer>> units = new LinkedHashMap<>();
        for (String sku : totalUnits().keySet()) {
            units.put(sku, byUnits.waves().stream().map(w -> w.units().getOrDefault(sku, 0)).toList());
        }
        return Collections.unmodifiableMap(units);
    }

    /**
     * The waves as the drop releases them: shares as written; units converted to the shares that release exactly
     * those units for every SKU. When there are no such shares ({@link #waveUnits()} is not empty), the shares
     * describe the drop's units as a whole, and each SKU releases its own units per wave.
     */
    public WavePlan wavePlan() {
        List<Integer> basisPoints = switch (waves) {
            case ManifestWaves.ByShare byShare -> byShare.basisPoints();
            case ManifestWaves.ByUnits byUnits -> byUnits.exactBasisPoints(totalUnits())
                    .orElseGet(() -> byUnits.aggregateBasisPoints(totalUnits()));
        };
        List<Duration> offsets = waves.offsets();
        List<Wave> plan = new ArrayList<>();
        for (int i = 0; i < offsets.size(); i++) {
            plan.add(new Wave(i + 1, opensAt.plus(offsets.get(i)), basisPoints.get(i)));
        }
        return new WavePlan(plan);
    }

    /** When insiders may start buying, if the drop has an insiders' window. */
    public Optional<Instant> insidersOpenAt() {
        return insiders.map(i -> i.opensAt(opensAt));
    }

    /** Units of each SKU's first wave set aside for insiders, rounded down; empty map without insiders. */
    public Map<String, Integer> reservedForInsiders() {
        if (insiders.isEmpty()) {
            return Map.of();
        }
        long share = insiders.get().reservedBasisPoints();
        Map<String, Integer> reserved = new LinkedHashMap<>();
        releasedAfter(1).forEach((sku, firstWave) -> reserved.put(sku, (int) (firstWave * share / WavePlan.WHOLE)));
        return Collections.unmodifiableMap(reserved);
    }

    /**
     * The drop the rest of the system sells. It carries what {@link Drop} models today: identity, window, limits,
     * hubs (id, name, pickup slots, address, coordinates and pickup promise), SKUs with their hub splits and, when
     * no plan of shares fits, their {@link #waveUnits()}, shipFrom, the wave plan ({@link #wavePlan()}), early
     * access, preorder terms, and the listing: story, cadence, the storefront's first origin and the interests.
     *
     * @throws IllegalStateException if the manifest has violations
     */
    public Drop toDrop() {
        List<ManifestViolation> violations = violations();
        if (!violations.isEmpty()) {
            throw new IllegalStateException("manifest " + dropId + " breaks its rules: " + violations);
        }
        List<Sku> skus = new ArrayList<>();
        Map<String, List<Integer>> unitsByWave = waveUnits();
        for (Product product : products) {
            for (Variant variant : product.variants()) {
                skus.add(new Sku(variant.sku(), product.productId(), product.name(), variant.name(),
                        new Money(variant.price(), currency), variant.units(), variant.hubs(),
                        unitsByWave.getOrDefault(variant.sku(), List.of()), variant.shards()));
            }
        }
        List<PickupHub> pickupHubs = hubs.stream().map(h -> new PickupHub(h.hubId(), h.name(), h.slots().stream()
                .map(s -> dev.microdrop.core.drop.Slot.of(s.start(), s.end(), s.capacity())).toList(), h.address(),
                h.coordinates().map(c -> new dev.microdrop.core.drop.Coordinates(c.lat(), c.lon())).orElse(null),
                h.pickupPromise().orElse(null))).toList();
        dev.microdrop.core.drop.Insiders earlyAccess = insiders
                .map(i -> new dev.microdrop.core.drop.Insiders(i.opensAt(opensAt), i.reservedBasisPoints(),
                        i.perBuyerLimit(), i.layers().stream().map(l -> new dev.microdrop.core.drop.Insiders.Layer(
                                l.layer(), opensAt.minus(l.opensBefore()), l.reservedBasisPoints())).toList()))
                .orElse(null);
        return new Drop(dropId, name, currency, opensAt, closesAt, perBuyerLimit, Duration.ofMinutes(holdMinutes),
                shipping, pickupHubs, skus, wavePlan(), restockOnRefund, earlyAccess, shipFrom,
                preorder.map(p -> new dev.microdrop.core.drop.PreorderTerms(p.depositBasisPoints(), p.cap(),
                        p.confirmBy())).orElse(null),
                new DropListing(story.orElse(null), cadence.orElse(null),
                        storefront.map(f -> f.origins().getFirst()).orElse(null), interests));
    }
}
