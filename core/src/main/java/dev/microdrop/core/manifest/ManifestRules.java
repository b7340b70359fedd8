package dev.microdrop.core.manifest;

import dev.microdrop.core.drop.Ids;
import dev.microdrop.core.drop.StockShards;
import dev.microdrop.core.drop.WavePlan;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a drop manifest that a value's type cannot carry: ranges, id shapes, and everything that spans
 * fields. Paths are JSON Pointers into the file as written (its field names, not the records'); times in messages
 * are the file's local times.
 */
final class ManifestRules {

    private final DropManifest manifest;
    private final List<ManifestViolation> found = new ArrayList<>();
    private final Set<String> hubIds = new HashSet<>();
    private final Map<String, Integer> units = new HashMap<>();

    private ManifestRules(DropManifest manifest) {
        this.manifest = manifest;
        manifest.hubs().forEach(h -> hubIds.add(h.hubId()));
        manifest.variants().forEach(v -> units.putIfAbsent(v.sku(), v.units()));
    }

    static List<ManifestViolation> check(DropManifest manifest) {
        ManifestRules rules = new ManifestRules(manifest);
        rules.drop();
        rules.products();
        rules.waves();
        rules.insiders();
        rules.hubs();
        rules.preorder();
        rules.storefront();
        rules.listing();
        return List.copyOf(rules.found);
    }

    /** Escapes a key for use as one segment of a JSON Pointer (RFC 6901). */
    static String segment(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** 4000 is "40", 3333 is "33.33". */
    static String percent(int basisPoints) {
        return BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString();
    }

    private void drop() {
        if (!Ids.isId(manifest.dropId())) {
            add("/dropId", "dropId must be lower-case letters, digits and dashes, at most 64, not starting with a dash: "
                    + manifest.dropId());
        }
        notBlank("/name", manifest.name());
        if (manifest.currency().getDefaultFractionDigits() < 0) {
            add("/currency", manifest.currency().getCurrencyCode()
                    + " is not a currency buyers pay in (it has no minor units); use one like EUR or USD");
        }
        if (!manifest.closesAt().isAfter(manifest.opensAt())) {
            add("/closes", "the drop closes at " + local(manifest.closesAt()) + ", which is not after it opens at "
                    + local(manifest.opensAt()));
        }
        atLeastOne("/perBuyerLimit", manifest.perBuyerLimit());
        atLeastOne("/holdMinutes", manifest.holdMinutes());

        if (!manifest.shipping() && !manifest.shipFrom().isEmpty()) {
            add("/shipFrom", "shipFrom names hubs to ship from, but shipping is false");
        }
        Set<String> listed = new HashSet<>();
        for (int i = 0; i < manifest.shipFrom().size(); i++) {
            String hubId = manifest.shipFrom().get(i);
            if (!hubIds.contains(hubId)) {
                add("/shipFrom/" + i, unknownHub(hubId));
            } else if (!listed.add(hubId)) {
                add("/shipFrom/" + i, "hub " + hubId + " is listed twice");
            }
        }
        if (!manifest.shipping() && manifest.hubs().isEmpty()) {
            add("/shipping", "a drop that does not ship needs at least one pickup hub under hubs");
        }
    }

    private void products() {
        if (manifest.products().isEmpty()) {
            add("/products", "a drop sells at least one product");
        }
        Map<String, String> productIds = new HashMap<>();
        Map<String, String> skus = new HashMap<>();
        for (int i = 0; i < manifest.products().size(); i++) {
            Product product = manifest.products().get(i);
            String at = "/products/" + i;
            if (!Ids.isId(product.productId())) {
                add(at + "/productId", "productId must be lower-case letters, digits and dashes, at most 64, "
                        + "not starting with a dash: " + product.productId());
            } else if (productIds.putIfAbsent(product.productId(), at) != null) {
                add(at + "/productId", "productId " + product.productId() + " is already used at "
                        + productIds.get(product.productId()));
            }
            notBlank(at + "/name", product.name());
            if (product.variants().isEmpty()) {
                add(at + "/variants", "a product is sold in at least one variant");
            }
            for (int j = 0; j < product.variants().size(); j++) {
                variant(at + "/variants/" + j, product.variants().get(j), skus);
            }
        }
    }

    private void variant(String at, Variant variant, Map<String, String> skus) {
        if (!Ids.isSku(variant.sku())) {
            add(at + "/sku", "a SKU is letters, digits, '.', '_' and '-', at most 64, starting with a letter or "
                    + "digit: " + variant.sku());
        } else if (skus.putIfAbsent(variant.sku(), at) != null) {
            add(at + "/sku", "SKU " + variant.sku() + " is already used at " + skus.get(variant.sku())
                    + "; SKUs are unique across all products");
        }
        notBlank(at + "/name", variant.name());
        if (variant.price() < 0) {
            add(at + "/price", "a price is not negative: " + variant.price());
        }
        notNegative(at + "/units", variant.units());
        if (variant.shards() < 1 || variant.shards() > StockShards.MAX) {
            add(at + "/shards", "a SKU's stock is kept in 1 to " + StockShards.MAX + " shards, not "
                    + variant.shards());
        } else if (variant.shards() > 1 && !variant.hubs().isEmpty()) {
            add(at + "/shards", "a SKU split by hub cannot be sharded as well (yet): leave out shards, or the hubs "
                    + "split");
        }
        if (variant.hubs().isEmpty()) {
            return;
        }
        long split = 0;
        for (Map.Entry<String, Integer> share : variant.hubs().entrySet()) {
            String hubAt = at + "/hubs/" + segment(share.getKey());
            if (!hubIds.contains(share.getKey())) {
                add(hubAt, unknownHub(share.getKey()));
            }
            notNegative(hubAt, share.getValue());
            split += share.getValue();
        }
        if (variant.units() >= 0 && split != variant.units()) {
            add(at + "/hubs", "the hub split adds up to " + split + " units, but the variant has " + variant.units());
        }
    }

    private void waves() {
        ManifestWaves waves = manifest.waves();
        if (waves.size() == 0) {
            add("/waves", "name at least one wave, or leave waves out for the standard 40/40/20");
            return;
        }
        List<Duration> offsets = waves.offsets();
        for (int i = 0; i < offsets.size(); i++) {
            Duration after = offsets.get(i);
            String at = "/waves/" + i + "/after";
            Instant when = manifest.opensAt().plus(after);
            if (after.isNegative()) {
                add(at, "a wave comes at or after the opening, not before it: " + written(after));
            } else if (i > 0 && after.compareTo(offsets.get(i - 1)) <= 0) {
                add(at, "waves are listed in time order: wave " + (i + 1) + " at " + written(after)
                        + " is not after wave " + i + " at " + written(offsets.get(i - 1)));
            } else if (!when.isBefore(manifest.closesAt())) {
                add(at, "wave " + (i + 1) + " would come at " + local(when) + ", once the drop has closed at "
                        + local(manifest.closesAt()));
            }
        }
        switch (waves) {
            case ManifestWaves.ByShare byShare -> shares(byShare);
            case ManifestWaves.ByUnits byUnits -> units(byUnits);
        }
    }

    private void shares(ManifestWaves.ByShare waves) {
        long sum = 0;
        boolean eachInRange = true;
        for (int i = 0; i < waves.waves().size(); i++) {
            int share = waves.waves().get(i).shareBasisPoints();
            if (share <= 0 || share > WavePlan.WHOLE) {
                add("/waves/" + i + "/share", "a wave's share is more than 0 and at most 100 (percent), not "
                        + percent(share));
                eachInRange = false;
            }
            sum += share;
        }
        if (eachInRange && sum != WavePlan.WHOLE) {
            add("/waves", "the wave shares add up to " + percent((int) sum) + "%, not 100%");
        }
    }

    private void units(ManifestWaves.ByUnits waves) {
        Map<String, Long> released = new HashMap<>();
        for (int i = 0; i < waves.waves().size(); i++) {
            for (Map.Entry<String, Integer> entry : waves.waves().get(i).units().entrySet()) {
                String at = "/waves/" + i + "/units/" + segment(entry.getKey());
                if (!units.containsKey(entry.getKey())) {
                    add(at, "no variant has SKU " + entry.getKey());
                }
                notNegative(at, entry.getValue());
                released.merge(entry.getKey(), (long) entry.getValue(), Long::sum);
            }
        }
        units.forEach((sku, total) -> {
            long sum = released.getOrDefault(sku, 0L);
            if (total >= 0 && sum != total) {
                add("/waves", "the waves release " + sum + " units of " + sku + ", but the variant has " + total);
            }
        });
    }

    private void insiders() {
        if (manifest.insiders().isEmpty()) {
            return;
        }
        Insiders insiders = manifest.insiders().get();
        if (insiders.opensBefore().isNegative() || insiders.opensBefore().isZero()) {
            add("/insiders/opensBefore", "insiders get in before the drop opens, so opensBefore is a positive "
                    + "duration such as PT30M; " + written(insiders.opensBefore()) + " would open their window at "
                    + local(insiders.opensAt(manifest.opensAt())) + ", not before the drop opens at "
                    + local(manifest.opensAt()));
        }
        share("/insiders/reservedShare", insiders.reservedBasisPoints());
        java.util.Set<String> named = new java.util.HashSet<>();
        for (int i = 0; i < insiders.layers().size(); i++) {
            Insiders.Layer layer = insiders.layers().get(i);
            String at = "/insiders/layers/" + i;
            if (!dev.microdrop.core.drop.Insiders.LAYER_NAMES.contains(layer.layer())) {
                add(at + "/layer", "a layer is past-buyers or audience, not " + layer.layer());
            } else if (!named.add(layer.layer())) {
                add(at + "/layer", "the layer " + layer.layer() + " is named twice");
            }
            if (layer.opensBefore().isNegative() || layer.opensBefore().isZero()
                    || layer.opensBefore().compareTo(insiders.opensBefore()) > 0) {
                add(at + "/opensBefore", "a layer gets in before the drop opens and after the insiders, so its "
                        + "opensBefore is positive and at most the insiders' " + written(insiders.opensBefore())
                        + ", not " + written(layer.opensBefore()));
            }
        }
        long shares = insiders.reservedBasisPoints();
        for (int i = 0; i < insiders.layers().size(); i++) {
            Integer share = insiders.layers().get(i).reservedBasisPoints();
            if (share != null) {
                share("/insiders/layers/" + i + "/reservedShare", share);
                shares += share;
            }
        }
        if (shares > WavePlan.WHOLE) {
            add("/insiders/layers", "the insiders' reservedShare and the layers' own add up to " + percent((int) shares)
                    + "% of the first wave; together they are at most 100%");
        }
        atLeastOne("/insiders/perBuyerLimit", insiders.perBuyerLimit());
        if (insiders.perBuyerLimit() > manifest.perBuyerLimit() && manifest.perBuyerLimit() >= 1) {
            add("/insiders/perBuyerLimit", "an insider may buy at most " + manifest.perBuyerLimit()
                    + " (the drop's perBuyerLimit, which counts their early purchases too), not "
                    + insiders.perBuyerLimit());
        }
    }

    private void hubs() {
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < manifest.hubs().size(); i++) {
            Hub hub = manifest.hubs().get(i);
            String at = "/hubs/" + i;
            if (!Ids.isId(hub.hubId())) {
                add(at + "/hubId", "hubId must be lower-case letters, digits and dashes, at most 64, not starting "
                        + "with a dash: " + hub.hubId());
            } else if (seen.putIfAbsent(hub.hubId(), at) != null) {
                add(at + "/hubId", "hubId " + hub.hubId() + " is already used at " + seen.get(hub.hubId()));
            }
            notBlank(at + "/name", hub.name());
            notBlank(at + "/address", hub.address());
            hub.coordinates().ifPresent(c -> coordinates(at + "/coordinates", c));
            hub.pickupPromise().ifPresent(p -> pickupPromise(at + "/pickupPromise", p));
            for (int j = 0; j < hub.slots().size(); j++) {
                slot(at + "/slots/" + j, hub.slots().get(j), j == 0 ? null : hub.slots().get(j - 1));
            }
        }
    }

    private void coordinates(String at, Coordinates coordinates) {
        if (!dev.microdrop.core.drop.Coordinates.latitudeValid(coordinates.lat())) {
            add(at + "/lat", "a latitude is WGS 84 degrees from -90 to 90, not " + coordinates.lat()
                    + (dev.microdrop.core.drop.Coordinates.valid(coordinates.lon(), coordinates.lat())
                            ? "; are lat and lon swapped?" : ""));
        }
        if (!dev.microdrop.core.drop.Coordinates.longitudeValid(coordinates.lon())) {
            add(at + "/lon", "a longitude is WGS 84 degrees from -180 to 180, not " + coordinates.lon());
        }
    }

    /** A promise longer than this is no promise a buyer plans by. */
    static final Duration MAX_PICKUP_PROMISE = Duration.ofDays(7);

    private void pickupPromise(String at, Duration promise) {
        if (promise.isNegative() || promise.isZero()) {
            add(at, "a pickup promise is a positive duration such as PT3H, not " + written(promise));
        } else if (promise.compareTo(MAX_PICKUP_PROMISE) > 0) {
            add(at, "a pickup promise is at most P7D (a week), not " + written(promise));
        }
    }

    private void listing() {
        manifest.story().ifPresent(story -> {
            notBlank("/story", story);
            if (story.length() > dev.microdrop.core.drop.DropListing.MAX_STORY) {
                add("/story", "a story is at most " + dev.microdrop.core.drop.DropListing.MAX_STORY
                        + " characters, not " + story.length() + "; storefronts and directories show it whole");
            }
        });
        manifest.cadence().ifPresent(cadence -> {
            notBlank("/cadence", cadence);
            if (cadence.length() > dev.microdrop.core.drop.DropListing.MAX_CADENCE) {
                add("/cadence", "a cadence is at most " + dev.microdrop.core.drop.DropListing.MAX_CADENCE
                        + " characters, not " + cadence.length());
            } else if (cadence.contains("\n") || cadence.contains("\r")) {
                add("/cadence", "a cadence is one line, such as \"every first Saturday\"");
            }
        });
        interests();
    }

    /** The audience's interests the drop is for: a few lower-case tags, each once, as members choose them. */
    private void interests() {
        List<String> interests = manifest.interests();
        if (interests.size() > dev.microdrop.core.drop.DropListing.MAX_INTERESTS) {
            add("/interests", "a drop names at most " + dev.microdrop.core.drop.DropListing.MAX_INTERESTS
                    + " interests, not " + interests.size());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < interests.size(); i++) {
            String tag = interests.get(i);
            if (!dev.microdrop.core.drop.DropListing.INTEREST.matcher(tag).matches()) {
                add("/interests/" + i, "an interest is a lower-case tag of 1 to 32 letters a-z, digits or -, such as"
                        + " \"running\", as members choose them; not \"" + tag + "\"");
            } else if (!seen.add(tag)) {
                add("/interests/" + i, "the interest \"" + tag + "\" is named twice");
            }
        }
    }

    private void slot(String at, PickupSlot slot, PickupSlot previous) {
        if (!slot.end().isAfter(slot.start())) {
            add(at + "/end", "a slot ends after it starts: " + local(slot.end()) + " is not after "
                    + local(slot.start()));
        }
        if (slot.start().isBefore(manifest.opensAt())) {
            add(at + "/start", "the slot starts at " + local(slot.start()) + ", before the drop opens at "
                    + local(manifest.opensAt()) + "; slots lie within the drop's window");
        } else if (previous != null && slot.start().isBefore(previous.end())) {
            add(at + "/start", "slots are listed in time order without overlapping: this one starts at "
                    + local(slot.start()) + ", before the one above ends at " + local(previous.end()));
        }
        if (slot.end().isAfter(manifest.closesAt())) {
            add(at + "/end", "the slot ends at " + local(slot.end()) + ", after the drop closes at "
                    + local(manifest.closesAt()) + "; slots lie within the drop's window");
        }
        atLeastOne(at + "/capacity", slot.capacity());
    }

    private void preorder() {
        if (manifest.preorder().isEmpty()) {
            return;
        }
        Preorder preorder = manifest.preorder().get();
        share("/preorder/depositShare", preorder.depositBasisPoints());
        atLeastOne("/preorder/cap", preorder.cap());
        if (!preorder.confirmBy().isAfter(manifest.closesAt())) {
            add("/preorder/confirmBy", "preorders are confirmed after the drop closes at "
                    + local(manifest.closesAt()) + ", not by " + local(preorder.confirmBy()));
        }
    }

    /**
     * An origin as a browser sends it: scheme, host and optional port, nothing else. Plain http only for
     * localhost, so a deployed checkout is never called from a page that could be tampered with in transit.
     */
    static final Pattern ORIGIN = Pattern.compile(
            "https://[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?"
                    + "|http://localhost(:[0-9]{1,5})?");

    /** Lambda's limit on a function URL's allowed origins. */
    static final int MAX_ORIGINS = 100;

    private void storefront() {
        if (manifest.storefront().isEmpty()) {
            return;
        }
        List<String> origins = manifest.storefront().get().origins();
        if (origins.isEmpty()) {
            add("/storefront/origins", "name at least one origin, such as https://shop.example.com");
        } else if (origins.size() > MAX_ORIGINS) {
            add("/storefront/origins", "at most " + MAX_ORIGINS + " origins, not " + origins.size());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < origins.size(); i++) {
            String origin = origins.get(i);
            String at = "/storefront/origins/" + i;
            if (!ORIGIN.matcher(origin).matches()) {
                add(at, "an origin is https://host[:port] in lower case, with no path, wildcard or trailing slash "
                        + "(http only for localhost), not " + origin);
            } else if (!seen.add(origin)) {
                add(at, "origin " + origin + " is listed twice");
            }
        }
    }

    private void share(String at, int basisPoints) {
        if (basisPoints <= 0 || basisPoints > WavePlan.WHOLE) {
            add(at, "a share is more than 0 and at most 100 (percent), not " + percent(basisPoints));
        }
    }

    private void atLeastOne(String at, long value) {
        if (value < 1) {
            add(at, "must be at least 1, not " + value);
        }
    }

    private void notNegative(String at, long value) {
        if (value < 0) {
            add(at, "must not be negative: " + value);
        }
    }

    private void notBlank(String at, String value) {
        if (value.isBlank()) {
            add(at, "must not be blank");
        }
    }

    private String unknownHub(String hubId) {
        return "no hub " + hubId + " under hubs" + (hubIds.isEmpty() ? "" : " (there are: "
                + String.join(", ", manifest.hubs().stream().map(Hub::hubId).toList()) + ")");
    }

    /** As a merchant writes it: -PT30M, where {@link Duration#toString()} says PT-30M. */
    static String written(Duration duration) {
        return duration.isNegative() ? "-" + duration.negated() : duration.toString();
    }

    private String local(Instant instant) {
        return LocalDateTime.ofInstant(instant, manifest.timeZone()).toString();
    }

    private void add(String path, String message) {
        found.add(new ManifestViolation(path, message));
    }
}
