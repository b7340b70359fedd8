package dev.microdrop.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.catalog.CatalogQuery;
import dev.microdrop.core.catalog.DirectoryView;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The directory feed's door (docs/directory-feed.md): {@code GET|HEAD /directory} (JSON), {@code /directory.jsonld}
 * (schema.org JSON-LD) and {@code /directory.ics} (iCalendar), the same state in three forms, each with its own weak
 * ETag. Routed by {@link CatalogHandler}; what is listed and how available it is are the core's
 * ({@code DirectoryFeed}).
 */
final class DirectoryRoutes {

    /**
     * Directories poll in minutes, and each miss at the edge reads every listed drop: a minute in browsers, five at
     * the edge, and a minute more of the last copy while the edge fetches the next. What it says of stock is a
     * summary; the checkout decides.
     */
    static final String DIRECTORY_CACHE_CONTROL = "public, max-age=60, s-maxage=300, stale-while-revalidate=60";

    /** What the directory feeds call themselves, in JSON-LD's ItemList and the calendar's X-WR-CALNAME. */
    static final String DIRECTORY_NAME = "microdrop: upcoming and live drops";

    /** The directory's three forms: the path's suffix, the media type, and the Accept ranges that take it. */
    enum Feed {
        JSON("json", Responses.JSON, java.util.List.of(Responses.JSON)),
        JSON_LD("jsonld", DirectoryJsonLd.MEDIA_TYPE, java.util.List.of(DirectoryJsonLd.MEDIA_TYPE, Responses.JSON)),
        ICALENDAR("ics", DirectoryCalendar.MEDIA_TYPE, java.util.List.of("text/calendar"));

        final String tag;
        final String mediaType;
        final java.util.List<String> accepted;

        Feed(String tag, String mediaType, java.util.List<String> accepted) {
            this.tag = tag;
            this.mediaType = mediaType;
            this.accepted = accepted;
        }
    }

    private final CatalogQuery catalog;
    private final Responses responses;

    DirectoryRoutes(CatalogQuery catalog, Responses responses) {
        this.catalog = catalog;
        this.responses = responses;
    }

    APIGatewayV2HTTPResponse answer(HttpRequest request, Feed feed) {
        if (!request.query().isEmpty()) {
            return responses.problem(ProblemType.INVALID_REQUEST, "The directory takes no query parameters; "
                    + "ask for " + request.path() + " alone.");
        }
        Optional<String> accept = request.header("accept");
        if (accept.isPresent() && !acceptable(accept.get(), feed.accepted)) {
            return responses.problem(ProblemType.INVALID_REQUEST, request.path() + " is " + feed.mediaType
                    + ", which the Accept header does not take.");
        }
        DirectoryView view = catalog.directory();
        String state = responses.write(DirectoryJson.of(view));
        String etag = CachedRepresentations.etag(state);
        etag = etag.substring(0, etag.length() - 1) + "-" + feed.tag + "\"";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("etag", etag);
        headers.put("cache-control", DIRECTORY_CACHE_CONTROL);
        headers.put("date", DateTimeFormatter.RFC_1123_DATE_TIME.format(view.serverTime().atOffset(ZoneOffset.UTC)));
        String tag = etag;
        if (request.header("if-none-match").filter(h -> CatalogHandler.matches(h, tag)).isPresent()) {
            return responses.empty(304, headers);
        }
        if (request.method().equals("HEAD")) {
            headers.put("content-type", feed.mediaType);
            return responses.empty(200, headers);
        }
        String body = switch (feed) {
            case JSON -> "{\"serverTime\":\"" + view.serverTime() + "\"," + state.substring(1);
            case JSON_LD -> responses.write(DirectoryJsonLd.of(view, DIRECTORY_NAME));
            case ICALENDAR -> DirectoryCalendar.of(view, DIRECTORY_NAME);
        };
        return responses.raw(200, body, feed.mediaType, headers);
    }

    /**
     * Whether an Accept header takes one of {@code mediaTypes}: a range naming it, its {@code type/*} or {@code *}{@code /*},
     * with a quality above 0. Parameters other than {@code q} are ignored; an element that is no media range matches
     * nothing.
     */
    static boolean acceptable(String accept, java.util.List<String> mediaTypes) {
        for (String element : accept.split(",")) {
            String[] parts = element.split(";");
            String range = parts[0].strip().toLowerCase(java.util.Locale.ROOT);
            if (!range.matches("[a-z0-9!#$&^_.+*-]+/[a-z0-9!#$&^_.+*-]+") || !(quality(parts) > 0)) {
                continue;
            }
            for (String mediaType : mediaTypes) {
                String type = mediaType.substring(0, mediaType.indexOf('/'));
                if (range.equals("*/*") || range.equals(type + "/*") || range.equals(mediaType)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].strip().toLowerCase(java.util.Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
