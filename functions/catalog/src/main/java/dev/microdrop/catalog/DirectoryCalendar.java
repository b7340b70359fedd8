package dev.microdrop.catalog;

import dev.microdrop.core.catalog.DirectoryEntry;
import dev.microdrop.core.catalog.DirectoryView;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.PickupHub;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Geo;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * The directory as an iCalendar feed ({@code GET /directory.ics}, RFC 5545), written with ical4j: one VEVENT per drop,
 * from its opening to its close, in UTC (no time zone definitions to ship or resolve). {@code UID} is the drop's id
 * under {@code microdrop.dev}, so a calendar that subscribed updates the same event; {@code DTSTAMP} is when the
 * feed was made.
 *
 * <p>Only the {@code .ics} route touches this class, so ical4j is loaded the first time a calendar is asked for,
 * never on the storefront's path or while priming for SnapStart.
 */
final class DirectoryCalendar {

    static final String MEDIA_TYPE = "text/calendar; charset=utf-8";
    static final String PRODID = "-//microdrop//Directory feed//EN";

    private DirectoryCalendar() {
    }

    static String of(DirectoryView view, String calendarName) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new XProperty("X-WR-CALNAME", calendarName));
        for (DirectoryEntry entry : view.entries()) {
            calendar.add(event(entry, view));
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter().output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static VEvent event(DirectoryEntry entry, DirectoryView view) {
        Drop drop = entry.drop();
        VEvent event = new VEvent(drop.opensAt(), drop.closesAt(), drop.name());
        event.replace(new DtStamp(view.serverTime()));
        event.add(new Uid(drop.dropId() + "@microdrop.dev"));
        event.add(new Description(description(entry)));
        if (!drop.hubs().isEmpty()) {
            PickupHub first = drop.hubs().getFirst();
            event.add(new Location(first.address() != null ? first.address() : first.name()));
            if (first.coordinates() != null) {
                event.add(new Geo(BigDecimal.valueOf(first.coordinates().latitude()),
                        BigDecimal.valueOf(first.coordinates().longitude())));
            }
        }
        if (drop.listing().storefrontUrl() != null) {
            event.add(new Url(URI.create(drop.listing().storefrontUrl())));
        }
        return event;
    }

    /** The story, then what is left and the prices: what a calendar shows under the title. */
    private static String description(DirectoryEntry entry) {
        Drop drop = entry.drop();
        StringBuilder text = new StringBuilder();
        if (drop.listing().story() != null) {
            text.append(drop.listing().story().strip()).append("\n\n");
        }
        text.append("Availability: ").append(DirectoryJson.schemaOrg(entry.availability())).append('\n');
        String currency = drop.currency().getCurrencyCode();
        String low = DirectoryJsonLd.major(entry.lowestPrice());
        String high = DirectoryJsonLd.major(entry.highestPrice());
        text.append("Price: ").append(low.equals(high) ? low : low + " to " + high).append(' ').append(currency);
        if (drop.insiders() != null) {
            text.append("\nEarly access from ").append(drop.insiders().opensAt());
        }
        if (drop.listing().cadence() != null) {
            text.append("\nDrops ").append(drop.listing().cadence());
        }
        return text.toString();
    }
}
