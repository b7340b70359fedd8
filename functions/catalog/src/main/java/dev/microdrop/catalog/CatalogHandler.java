package dev.microdrop.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.catalog.CachedRepresentations.Representation;
import dev.microdrop.core.catalog.CatalogQuery;
import dev.microdrop.core.catalog.DropListView;
import dev.microdrop.core.catalog.DropView;
import dev.microdrop.core.drop.Ids;
import dev.microdrop.function.http.HttpRequest;
import dev.microdrop.function.http.ProblemType;
import dev.microdrop.function.http.Responses;
import dev.microdrop.function.http.Routes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /drops} and {@code GET /drops/{dropId}}. Answers carry a weak {@code ETag} of the drop's state
 * (304 on a matching {@code If-None-Match}) and {@code Cache-Control} with a {@code max-age} equal to the
 * in-memory cache window, so the edge, the browser and this instance all refresh on the same beat. The body
 * carries {@code serverTime} for countdowns; it is not part of the ETag (the {@code Date} header carries it on
 * a 304). A path under {@code /drops/} that is not a drop id (even with more segments) is {@code 404 drop-not-found};
 * any other path {@code 404 not-found}; another method than GET or HEAD {@code 405}.
 *
 * <p>The directory feed, for deal directories and search engines (docs/directory-feed.md): {@code GET /directory}
 * (JSON), {@code /directory.jsonld} (schema.org JSON-LD) and {@code /directory.ics} (iCalendar), the same state in
 * three forms, with one ETag of that state per form. Each takes no query (a query is {@code 422 invalid-request}, so
 * nobody can make the origin render a copy per made-up parameter) and refuses an {@code Accept} that excludes its
 * media type ({@code 422 invalid-request}: the contract has no 406 type yet).
 */
public final class CatalogHandler implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger log = LoggerFactory.getLogger(CatalogHandler.class);

    private final CatalogQuery catalog;
    private final Responses responses;
    private final CachedRepresentations representations;
    private final String cacheControl;
    private final Routes<Void> routes;

    public CatalogHandler(CatalogQuery catalog, Responses responses, Duration cacheWindow) {
        this.catalog = catalog;
        this.responses = responses;
        this.representations = new CachedRepresentations(responses);
        DirectoryRoutes directory = new DirectoryRoutes(catalog, responses);
        this.routes = Routes.<Void>builder()
                .get("/drops", (none, request, path) -> list(request))
                .head("/drops", (none, request, path) -> list(request))
                .get("/drops/", (none, request, path) -> list(request))
                .head("/drops/", (none, request, path) -> list(request))
                .get("/drops/{dropId...}", (none, request, path) -> drop(request, path.get("dropId")))
                .head("/drops/{dropId...}", (none, request, path) -> drop(request, path.get("dropId")))
                .get("/directory", (none, request, path) -> directory.answer(request, DirectoryRoutes.Feed.JSON))
                .head("/directory", (none, request, path) -> directory.answer(request, DirectoryRoutes.Feed.JSON))
                .get("/directory.jsonld", (none, request, path) -> directory.answer(request, DirectoryRoutes.Feed.JSON_LD))
                .head("/directory.jsonld", (none, request, path) -> directory.answer(request, DirectoryRoutes.Feed.JSON_LD))
                .get("/directory.ics", (none, request, path) -> directory.answer(request, DirectoryRoutes.Feed.ICALENDAR))
                .head("/directory.ics", (none, request, path) -> directory.answer(request, DirectoryRoutes.Feed.ICALENDAR))
                .build();
        long maxAge = Math.max(1, cacheWindow.toSeconds());
        // stale-while-revalidate: the edge may serve the last state while it fetches the next one; the
        // checkout, not this page, decides whether a unit can still be held.
        this.cacheControl = "public, max-age=" + maxAge + ", s-maxage=" + maxAge
                + ", stale-while-revalidate=30, stale-if-error=300";
    }

    @Override
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
        try {
            return routes.route(null, HttpRequest.of(event), responses);
        } catch (RuntimeException e) {
            log.error("catalog failed unexpectedly", e);
            return responses.problem(ProblemType.INTERNAL, "Something went wrong on our side.");
        }
    }

    private APIGatewayV2HTTPResponse list(HttpRequest request) {
        DropListView view = catalog.drops();
        return answer(request, representations.of(view), view.serverTime());
    }

    private APIGatewayV2HTTPResponse drop(HttpRequest request, String dropId) {
        if (!Ids.isId(dropId)) {
            return responses.problem(ProblemType.DROP_NOT_FOUND, "There is no drop with that id.");
        }
        Optional<DropView> view = catalog.drop(dropId);
        if (view.isEmpty()) {
            return responses.problem(ProblemType.DROP_NOT_FOUND, "There is no drop " + dropId + ".");
        }
        return answer(request, representations.of(view.get()), view.get().serverTime());
    }

    private APIGatewayV2HTTPResponse answer(HttpRequest request, Representation representation, Instant serverTime) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("etag", representation.etag());
        headers.put("cache-control", cacheControl);
        headers.put("date", DateTimeFormatter.RFC_1123_DATE_TIME.format(serverTime.atOffset(ZoneOffset.UTC)));
        if (request.header("if-none-match").filter(h -> matches(h, representation.etag())).isPresent()) {
            return responses.empty(304, headers);
        }
        String body = representation.withServerTime(serverTime);
        if (request.method().equals("HEAD")) {
            return responses.empty(200, headers);
        }
        return responses.raw(200, body, Responses.JSON, headers);
    }

    /** RFC 9110 weak comparison over a list of entity tags, or {@code *}. */
    static boolean matches(String ifNoneMatch, String etag) {
        String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return true;
            }
            if ((tag.startsWith("W/") ? tag.substring(2) : tag).equals(opaque)) {
                return true;
            }
        }
        return false;
    }
}
