package dev.microdrop.core.drop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a drop may be published again over what is already published: names, prices, times, limits and units
 * may change mid-drop; what held and sold units depend on may not. The adapter reports what is published (facts);
 * this says why the new version is refused, every reason at once, or nothing when it may be written.
 */
public final class Republish {

    /**
     * One published SKU: its split across hubs (empty when sold from one pool), its stock shards, and its
     * committed units (held plus sold, across its shards).
     */
    public record PublishedSku(String sku, Map<String, Integer> split, int shards, int committed) {

        public PublishedSku {
            split = Map.copyOf(split);
        }
    }

    /**
     * What is published: the drop's currency and its SKUs, in the order the table lists them; its early access (null
     * without) and how many waves are out (the tranches are set aside from the first).
     */
    public record Published(String currency, List<PublishedSku> skus, Insiders insiders, int wavesReleased) {

        public Published {
            skus = List.copyOf(skus);
        }

        public Published(String currency, List<PublishedSku> skus) {
            this(currency, skus, null, 0);
        }
    }

    private Republish() {
    }

    public static List<String> refusals(Drop drop, Published published) {
        List<String> refusals = new ArrayList<>();
        if (!drop.currency().getCurrencyCode().equals(published.currency())) {
            refusals.add("currency: the drop sells in " + published.currency()
                    + " and cannot change currency once published");
        }
        for (PublishedSku sku : published.skus()) {
            if (drop.sku(sku.sku()).isEmpty()) {
                refusals.add("SKU " + sku.sku() + ": it was published and cannot be removed; set its units to what is "
                        + "held or sold instead");
            }
        }
        for (Sku sku : drop.skus()) {
            PublishedSku was = published.skus().stream().filter(p -> p.sku().equals(sku.sku())).findFirst()
                    .orElse(null);
            if (was == null) {
                continue;
            }
            if (!was.split().equals(sku.hubUnits())) {
                refusals.add("SKU " + sku.sku() + ": its split across hubs cannot change once published (published "
                        + was.split() + ", asked for " + sku.hubUnits() + "); move a hub's units with a stock "
                        + "adjustment instead");
            } else if (was.shards() != sku.shards()) {
                refusals.add("SKU " + sku.sku() + ": its stock shards cannot change once published (published "
                        + was.shards() + ", asked for " + sku.shards() + ")");
            } else if (sku.totalUnits() < was.committed()) {
                refusals.add("SKU " + sku.sku() + ": " + was.committed() + " units are held or sold; its units cannot "
                        + "go below " + was.committed() + " (asked for " + sku.totalUnits() + ")");
            }
        }
        if (published.wavesReleased() >= 1 && drop.insiders() != null && published.insiders() != null
                && !shares(drop.insiders()).equals(shares(published.insiders()))) {
            // The first wave set each tranche aside on every stock item; a new share would not move those units.
            // (Early access added or removed whole is not refused: added after the first wave, its window is over.)
            refusals.add("insiders: the first wave is out, so early access's reserved shares (the insiders' and each "
                    + "layer's own) cannot change: published " + shares(published.insiders()) + ", asked for "
                    + shares(drop.insiders()));
        }
        return refusals;
    }

    /** Early access's reserved shares in basis points: the insiders', and each layer's own, by name. */
    private static Map<String, Integer> shares(Insiders insiders) {
        Map<String, Integer> shares = new java.util.TreeMap<>();
        if (insiders != null) {
            shares.put(Insiders.INSIDERS, insiders.reservedBasisPoints());
            insiders.layers().stream().filter(Insiders.Layer::ownTranche)
                    .forEach(layer -> shares.put(layer.name(), layer.reservedBasisPoints()));
        }
        return shares;
    }
}
