package dev.microdrop.catalog;

import dev.microdrop.core.catalog.DirectoryEntry;
import dev.microdrop.core.catalog.DirectoryView;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.PickupHub;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The directory as schema.org JSON-LD ({@code GET /directory.jsonld}): an {@code ItemList} of {@code Event}s, one per
 * drop. Its {@code @context} is written inline, term by term, rather than as {@code "https://schema.org"}: a consumer
 * (and our test) can expand it without fetching schema.org's context, and the terms whose values are schema.org's
 * enumeration members or links ({@code eventStatus}, {@code availability}, {@code url}...) are typed {@code @id}, so
 * they expand to IRIs, not strings.
 */
final class DirectoryJsonLd {

    static final String MEDIA_TYPE = "application/ld+json";
    private static final String SCHEMA = "https://schema.org/";
    private static final List<String> TERMS = List.of("ItemList", "ListItem", "Event", "Place", "PostalAddress",
            "GeoCoordinates", "Offer", "AggregateOffer", "VirtualLocation", "name", "description", "numberOfItems",
            "itemListElement", "position", "item", "location", "address", "streetAddress", "geo", "latitude",
            "longitude", "offers", "price", "lowPrice", "highPrice", "priceCurrency", "offerCount", "identifier");
    private static final List<String> LINKS = List.of("eventStatus", "eventAttendanceMode", "availability", "url");
    private static final List<String> DATE_TIMES = List.of("startDate", "endDate", "validFrom");

    private DirectoryJsonLd() {
    }

    static Map<String, Object> of(DirectoryView view, String listName) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("@context", context());
        list.put("@type", "ItemList");
        list.put("name", listName);
        list.put("numberOfItems", view.entries().size());
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < view.entries().size(); i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("@type", "ListItem");
            item.put("position", i + 1);
            item.put("item", event(view.entries().get(i)));
            items.add(item);
        }
        list.put("itemListElement", items);
        return list;
    }

    static Map<String, Object> context() {
        Map<String, Object> context = new LinkedHashMap<>();
        TERMS.forEach(term -> context.put(term, SCHEMA + term));
        LINKS.forEach(term -> context.put(term, Map.of("@id", SCHEMA + term, "@type", "@id")));
        DATE_TIMES.forEach(term -> context.put(term, Map.of("@id", SCHEMA + term, "@type", SCHEMA + "DateTime")));
        return context;
    }

    private static Map<String, Object> event(DirectoryEntry entry) {
        Drop drop = entry.drop();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("@type", "Event");
        event.put("identifier", drop.dropId());
        event.put("name", drop.name());
        if (drop.listing().story() != null) {
            event.put("description", drop.listing().story());
        }
        event.put("startDate", drop.opensAt().toString());
        event.put("endDate", drop.closesAt().toString());
        // A drop that is listed has not closed: it is scheduled, whether or not it has opened.
        event.put("eventStatus", SCHEMA + "EventScheduled");
        event.put("eventAttendanceMode", SCHEMA + attendance(drop));
        List<Object> locations = new ArrayList<>(drop.hubs().stream().map(DirectoryJsonLd::place).toList());
        if (drop.shipping() && drop.listing().storefrontUrl() != null) {
            locations.add(Map.of("@type", "VirtualLocation", "url", drop.listing().storefrontUrl()));
        }
        if (!locations.isEmpty()) {
            event.put("location", locations.size() == 1 ? locations.getFirst() : locations);
        }
        event.put("offers", offer(entry));
        if (drop.listing().storefrontUrl() != null) {
            event.put("url", drop.listing().storefrontUrl());
        }
        return event;
    }

    /** Collected at a hub only: offline; shipped only: online; either: mixed. */
    private static String attendance(Drop drop) {
        if (drop.hubs().isEmpty()) {
            return "OnlineEventAttendanceMode";
        }
        return drop.shipping() ? "MixedEventAttendanceMode" : "OfflineEventAttendanceMode";
    }

    private static Map<String, Object> place(PickupHub hub) {
        Map<String, Object> place = new LinkedHashMap<>();
        place.put("@type", "Place");
        place.put("name", hub.name());
        if (hub.address() != null) {
            place.put("address", Map.of("@type", "PostalAddress", "streetAddress", hub.address()));
        }
        if (hub.coordinates() != null) {
            place.put("geo", Map.of("@type", "GeoCoordinates", "latitude", hub.coordinates().latitude(),
                    "longitude", hub.coordinates().longitude()));
        }
        return place;
    }

    /** One price: an {@code Offer}; several: an {@code AggregateOffer} of the range. Prices in major units, as text. */
    private static Map<String, Object> offer(DirectoryEntry entry) {
        Drop drop = entry.drop();
        Map<String, Object> offer = new LinkedHashMap<>();
        boolean onePrice = entry.lowestPrice().minorUnits() == entry.highestPrice().minorUnits();
        if (onePrice) {
            offer.put("@type", "Offer");
            offer.put("price", major(entry.lowestPrice()));
        } else {
            offer.put("@type", "AggregateOffer");
            offer.put("lowPrice", major(entry.lowestPrice()));
            offer.put("highPrice", major(entry.highestPrice()));
            offer.put("offerCount", drop.skus().size());
        }
        offer.put("priceCurrency", drop.currency().getCurrencyCode());
        offer.put("availability", SCHEMA + DirectoryJson.schemaOrg(entry.availability()));
        offer.put("validFrom", drop.firstSaleAt().toString());
        if (drop.listing().storefrontUrl() != null) {
            offer.put("url", drop.listing().storefrontUrl());
        }
        return offer;
    }

    /** 12900 EUR minor units is "129.00". */
    static String major(Money money) {
        return BigDecimal.valueOf(money.minorUnits(), Math.max(0, money.currency().getDefaultFractionDigits()))
                .toPlainString();
    }
}
