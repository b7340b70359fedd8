package dev.microdrop.core.testing;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Insiders;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.PreorderTerms;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.Slot;
import dev.microdrop.core.drop.Wave;
import dev.microdrop.core.drop.WavePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drops for tests, built up from an open drop: {@code Drops.at(now).sku("A", 5).build()} is drop {@code test-drop},
 * opened an hour before {@code now}, closing in two days, one wave, 25.00 EUR a unit, a limit of 4, shipping and
 * one pickup hub {@code hub-one}.
 */
public final class Drops {

    public static final String DROP = "test-drop";
    public static final String HUB = "hub-one";
    public static final Money PRICE = Money.of(2_500, "EUR");

    private final Instant now;
    private String dropId = DROP;
    private Instant opensAt;
    private Duration openFor = Duration.ofDays(2);
    private int limit = 4;
    private boolean shipping = true;
    private final List<Sku> skus = new ArrayList<>();
    private final Map<String, List<Slot>> hubs = new LinkedHashMap<>();
    private List<String> shipFrom = List.of();
    private Insiders insiders;
    private PreorderTerms preorder;
    private int waves = 1;

    private Drops(Instant now) {
        this.now = now;
        this.opensAt = now.minus(Duration.ofHours(1));
        hubs.put(HUB, List.of());
    }

    public static Drops at(Instant now) {
        return new Drops(now);
    }

    /** Another drop id than {@link #DROP}. */
    public Drops id(String id) {
        dropId = id;
        return this;
    }

    /** Opens {@code offset} from now (negative: opened already). */
    public Drops opensIn(Duration offset) {
        opensAt = now.plus(offset);
        return this;
    }

    /** Closes {@code duration} after it opens. */
    public Drops openFor(Duration duration) {
        openFor = duration;
        return this;
    }

    public Drops limit(int perBuyer) {
        limit = perBuyer;
        return this;
    }

    public Drops noShipping() {
        shipping = false;
        return this;
    }

    public Drops sku(String sku, int units) {
        skus.add(new Sku(sku, "product-" + sku.toLowerCase(), "Product " + sku, "One size", PRICE, units));
        return this;
    }

    /** A SKU split by hub: {@code units} per hub id, in that order (hubs are added if new). */
    public Drops skuAtHubs(String sku, Map<String, Integer> units) {
        units.keySet().forEach(hub -> hubs.putIfAbsent(hub, List.of()));
        skus.add(new Sku(sku, "product-" + sku.toLowerCase(), "Product " + sku, "One size", PRICE,
                units.values().stream().mapToInt(Integer::intValue).sum(), units));
        return this;
    }

    public Drops shardedSku(String sku, int units, int shards) {
        skus.add(new Sku(sku, "product-" + sku.toLowerCase(), "Product " + sku, "One size", PRICE, units, Map.of(),
                List.of(), shards));
        return this;
    }

    /** A pickup hub handing out orders in these slots. */
    public Drops hub(String hubId, Slot... slots) {
        hubs.put(hubId, List.of(slots));
        return this;
    }

    public Drops shipFrom(String... hubIds) {
        shipFrom = List.of(hubIds);
        return this;
    }

    /** Early access from {@code before} ahead of the opening, with a tranche and a limit of their own. */
    public Drops insiders(Duration before, int reservedBasisPoints, int perBuyerLimit) {
        insiders = new Insiders(opensAt.minus(before), reservedBasisPoints, perBuyerLimit);
        return this;
    }

    /** A later layer of early access ({@code past-buyers}, {@code audience}), in from {@code before} the opening. */
    public Drops layer(String name, Duration before) {
        return layer(name, before, null);
    }

    /** A later layer with a tranche of its own ({@code reservedBasisPoints} of each first wave; null: none). */
    public Drops layer(String name, Duration before, Integer reservedBasisPoints) {
        List<Insiders.Layer> layers = new ArrayList<>(insiders.layers());
        layers.add(new Insiders.Layer(name, opensAt.minus(before), reservedBasisPoints));
        insiders = new Insiders(insiders.opensAt(), insiders.reservedBasisPoints(), insiders.perBuyerLimit(), layers);
        return this;
    }

    /** {@code count} waves of equal shares, the first at the opening and one an hour apart. */
    public Drops waves(int count) {
        waves = count;
        return this;
    }

    public Drops preorders(int depositBasisPoints, int cap) {
        preorder = new PreorderTerms(depositBasisPoints, cap, opensAt.plus(openFor).plus(Duration.ofDays(30)));
        return this;
    }

    public Drop build() {
        List<PickupHub> pickupHubs = hubs.entrySet().stream()
                .map(hub -> new PickupHub(hub.getKey(), "Hub " + hub.getKey(), hub.getValue())).toList();
        return new Drop(dropId, "Test drop", Currency.getInstance("EUR"), opensAt, opensAt.plus(openFor), limit,
                Duration.ofMinutes(10), shipping, pickupHubs, skus, plan(), true, insiders, shipFrom, preorder);
    }

    private WavePlan plan() {
        List<Wave> plan = new ArrayList<>();
        for (int i = 1; i <= waves; i++) {
            int share = WavePlan.WHOLE / waves + (i == waves ? WavePlan.WHOLE % waves : 0);
            plan.add(new Wave(i, opensAt.plus(Duration.ofHours(i - 1)), share));
        }
        return new WavePlan(plan);
    }
}
