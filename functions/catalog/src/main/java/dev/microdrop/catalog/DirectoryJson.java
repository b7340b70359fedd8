package dev.microdrop.catalog;

import dev.microdrop.catalog.DropJson.HubJson;
import dev.microdrop.core.catalog.Availability;
import dev.microdrop.core.catalog.DirectoryEntry;
import dev.microdrop.core.catalog.DirectoryView;
import dev.microdrop.core.drop.Drop;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The directory feed as {@code GET /directory} answers it (docs/openapi.yaml's {@code Directory}). It is also the
 * state the three representations share: their ETags are of this JSON, {@code serverTime} left out. Members whose
 * value would be null (a drop without a story, early access, a cadence or a storefront; {@code shipFrom} when the drop
 * does not ship) are left out.
 */
record DirectoryJson(List<Entry> drops) {

    /**
     * @param availability schema.org's word: {@code InStock}, {@code LimitedAvailability}, {@code SoldOut} or
     *                     {@code PreOrder} ({@link Availability})
     * @param price        the lowest and highest price over the drop's SKUs, minor units of {@code currency}
     * @param shipFrom     hubs whose stock shipping draws from; empty: the drop's whole stock. Left out without shipping
     * @param url          the storefront, for buyers; {@code href} is the drop in this API
     */
    record Entry(String dropId, String name, String story, String status, Instant opensAt, Instant closesAt,
                 Instant earlyAccessOpensAt, String currency, PriceRangeJson price, String availability,
                 boolean shipping, List<String> shipFrom, List<HubJson> hubs, String cadence, String url,
                 String href) {
    }

    record PriceRangeJson(long min, long max) {
    }

    static DirectoryJson of(DirectoryView view) {
        return new DirectoryJson(view.entries().stream().map(DirectoryJson::entry).toList());
    }

    private static Entry entry(DirectoryEntry entry) {
        Drop drop = entry.drop();
        return new Entry(drop.dropId(), drop.name(), drop.listing().story(),
                entry.status().name().toLowerCase(Locale.ROOT), drop.opensAt(), drop.closesAt(),
                drop.insiders() == null ? null : drop.insiders().opensAt(), drop.currency().getCurrencyCode(),
                new PriceRangeJson(entry.lowestPrice().minorUnits(), entry.highestPrice().minorUnits()),
                schemaOrg(entry.availability()), drop.shipping(), drop.shipping() ? drop.shipFrom() : null,
                drop.hubs().stream().map(h -> HubJson.of(h, entry.snapshot())).toList(), drop.listing().cadence(),
                drop.listing().storefrontUrl(), "/drops/" + drop.dropId());
    }

    /** {@code LIMITED_AVAILABILITY} is {@code LimitedAvailability}, as schema.org's ItemAvailability names it. */
    static String schemaOrg(Availability availability) {
        StringBuilder name = new StringBuilder();
        for (String word : availability.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }
}
