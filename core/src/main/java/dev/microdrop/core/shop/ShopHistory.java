package dev.microdrop.core.shop;

import java.util.List;

/** What the adapters report of a shop's past: its drops, their orders, who was told, who tried early, who answered. */
public record ShopHistory(List<ShopDrop> drops, List<ShopOrder> orders, List<Notified> notified,
                          List<EarlyAccessEntry> earlyAccess, List<SurveyAnswer> surveys) {

    public ShopHistory {
        drops = List.copyOf(drops);
        orders = List.copyOf(orders);
        notified = List.copyOf(notified);
        earlyAccess = List.copyOf(earlyAccess);
        surveys = List.copyOf(surveys);
    }
}
