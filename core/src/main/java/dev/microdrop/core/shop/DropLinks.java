package dev.microdrop.core.shop;

import dev.microdrop.core.events.DomainEvent;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What the shop's mails about a drop say the same way: the storefront's link to the drop (the drop's own storefront,
 * or the shop's when its manifest names none), with a pass when there is one, and times in UTC.
 */
final class DropLinks {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private DropLinks() {
    }

    /** {@code <storefront>?drop=<dropId>}, and {@code &access=<token>} when {@code accessToken} is not null. */
    static String link(DomainEvent.DropPublished drop, URI shopStorefront, String accessToken) {
        URI base = drop.storefrontUrl() == null ? shopStorefront : URI.create(drop.storefrontUrl());
        String query = "?drop=" + encode(drop.dropId()) + (accessToken == null ? "" : "&access=" + encode(accessToken));
        return base.resolve(query).toString();
    }

    /** {@code 2026-12-12 19:00 UTC}. */
    static String when(Instant at) {
        return WHEN.format(at);
    }

    /** {@code 2026-12-12 19:00:07 UTC}: in a subject, it tells two events a minute apart from each other. */
    static String second(Instant at) {
        return SECOND.format(at);
    }

    /** {@code 2026-12-12}: in a subject, it tells one drop's mail from a later drop of the same name. */
    static String day(Instant at) {
        return DAY.format(at);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
