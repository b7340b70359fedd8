package dev.microdrop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.document.JsonDocument;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.core.catalog.CatalogService;
import dev.microdrop.core.drop.CachedDropReader;
import dev.microdrop.core.drop.Coordinates;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropListing;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.Slot;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.testing.InMemoryTable;
import dev.microdrop.core.testing.MutableClock;
import dev.microdrop.function.http.Responses;
import dev.microdrop.function.testing.ResponseSchemas;
import dev.microdrop.infrastructure.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The directory feed through the catalog handler, on the in-memory table (no I/O): its JSON against the contract's
 * schema, its JSON-LD expanded by a JSON-LD processor, its calendar parsed back by ical4j, and its refusals.
 */
class DirectoryFeedHandlerTest {

    private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final String S = "https://schema.org/";

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryTable table = new InMemoryTable(clock);
    private CatalogHandler handler;

    @BeforeEach
    void publish() {
        table.publish(neonRunners(), NOW);
        table.publish(Drops.at(NOW).id("laces-only").opensIn(Duration.ofDays(2)).noShipping().sku("L", 20).build(),
                NOW);
        table.publish(Drops.at(NOW).id("long-gone").opensIn(Duration.ofDays(-5)).openFor(Duration.ofDays(1))
                .sku("A", 5).build(), NOW);
        handler = new CatalogHandler(new CatalogService(new CachedDropReader(table, clock, Duration.ofSeconds(2)),
                clock), new Responses(MAPPER), Duration.ofSeconds(2));
    }

    @Test
    void directory_listsUpcomingAndLiveDrops_withEverythingADirectoryShows() throws Exception {
        APIGatewayV2HTTPResponse response = get("/directory", Map.of());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json")
                .containsEntry("cache-control", "public, max-age=60, s-maxage=300, stale-while-revalidate=60");
        assertThat(response.getHeaders().get("etag")).matches("W/\"[0-9a-f]{24}-json\"");
        JsonNode body = MAPPER.readTree(response.getBody());
        assertThat(body.get("serverTime").asText()).isEqualTo(NOW.toString());
        assertThat(body.get("drops").findValuesAsText("dropId")).containsExactly("neon-runners", "laces-only");
        JsonNode neon = body.get("drops").get(0);
        assertThat(neon.get("story").asText()).startsWith("Glows after dark");
        assertThat(neon.get("status").asText()).isEqualTo("scheduled");
        assertThat(neon.get("earlyAccessOpensAt").asText()).isEqualTo("2026-12-05T08:30:00Z");
        assertThat(neon.get("price").get("min").asLong()).isEqualTo(900);
        assertThat(neon.get("price").get("max").asLong()).isEqualTo(12_900);
        assertThat(neon.get("availability").asText()).isEqualTo("InStock");
        assertThat(neon.get("shipFrom").findValuesAsText("")).isEmpty();
        assertThat(neon.get("cadence").asText()).isEqualTo("every first Saturday");
        assertThat(neon.get("url").asText()).isEqualTo("https://neon-runners.example.com");
        JsonNode berlin = neon.get("hubs").get(0);
        assertThat(berlin.get("address").asText()).isEqualTo("Torstraße 109, 10119 Berlin");
        assertThat(berlin.get("coordinates").get("lat").asDouble()).isEqualTo(52.5291);
        assertThat(berlin.get("pickupPromise").asText()).isEqualTo("PT3H");
        assertThat(berlin.get("slots").get(0).get("seatsLeft").asInt()).isEqualTo(60);
        JsonNode laces = body.get("drops").get(1);
        assertThat(laces.has("story")).isFalse();
        assertThat(laces.has("shipFrom")).as("left out for a drop that does not ship").isFalse();
        assertThat(laces.get("hubs").get(0).has("coordinates")).isFalse();
        assertThat(new ResponseSchemas().failures("Directory", body)).isEmpty();
    }

    @Test
    void drop_showsItsStory_andItsHubsAddressPositionAndPromise_asTheContractSays() throws Exception {
        JsonNode drop = MAPPER.readTree(get("/drops/neon-runners", Map.of()).getBody());
        JsonNode plain = MAPPER.readTree(get("/drops/laces-only", Map.of()).getBody());

        assertThat(drop.get("story").asText()).startsWith("Glows after dark");
        assertThat(drop.get("hubs").get(1).get("coordinates").get("lon").asDouble()).isEqualTo(9.9624);
        assertThat(drop.get("hubs").get(1).get("pickupPromise").asText()).isEqualTo("PT4H");
        assertThat(plain.has("story")).isFalse();
        ResponseSchemas schemas = new ResponseSchemas();
        assertThat(schemas.failures("Drop", drop)).isEmpty();
        assertThat(schemas.failures("Drop", plain)).isEmpty();
    }

    @Test
    void jsonLd_expandsOffline_toSchemaOrgEvents() throws Exception {
        APIGatewayV2HTTPResponse response = get("/directory.jsonld", Map.of("accept", "application/ld+json"));
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/ld+json");

        JsonArray expanded = JsonLd.expand(JsonDocument.of(new StringReader(response.getBody()))).get();

        JsonObject list = expanded.getJsonObject(0);
        assertThat(list.getJsonArray("@type").getString(0)).isEqualTo(S + "ItemList");
        JsonArray items = list.getJsonArray(S + "itemListElement");
        assertThat(items).hasSize(2);
        JsonObject event = items.getJsonObject(0).getJsonArray(S + "item").getJsonObject(0);
        assertThat(event.getJsonArray("@type").getString(0)).isEqualTo(S + "Event");
        assertThat(value(event, "name")).isEqualTo("Neon Runners");
        assertThat(value(event, "description")).startsWith("Glows after dark");
        assertThat(value(event, "startDate")).isEqualTo("2026-12-05T09:00:00Z");
        assertThat(first(event, "startDate").getString("@type")).isEqualTo(S + "DateTime");
        assertThat(value(event, "endDate")).isEqualTo("2026-12-06T19:00:00Z");
        assertThat(id(event, "eventStatus")).isEqualTo(S + "EventScheduled");
        assertThat(id(event, "eventAttendanceMode")).isEqualTo(S + "MixedEventAttendanceMode");
        assertThat(id(event, "url")).isEqualTo("https://neon-runners.example.com");
        JsonArray locations = event.getJsonArray(S + "location");
        JsonObject berlin = locations.getJsonObject(0);
        assertThat(berlin.getJsonArray("@type").getString(0)).isEqualTo(S + "Place");
        assertThat(value(first(berlin, "address"), "streetAddress")).isEqualTo("Torstraße 109, 10119 Berlin");
        assertThat(first(first(berlin, "geo"), "latitude").getJsonNumber("@value").doubleValue()).isEqualTo(52.5291);
        JsonObject offer = first(event, "offers");
        assertThat(offer.getJsonArray("@type").getString(0)).isEqualTo(S + "AggregateOffer");
        assertThat(value(offer, "lowPrice")).isEqualTo("9.00");
        assertThat(value(offer, "highPrice")).isEqualTo("129.00");
        assertThat(value(offer, "priceCurrency")).isEqualTo("EUR");
        assertThat(id(offer, "availability")).isEqualTo(S + "InStock");
        assertThat(value(offer, "validFrom")).isEqualTo("2026-12-05T08:30:00Z");
        JsonObject laces = items.getJsonObject(1).getJsonArray(S + "item").getJsonObject(0);
        assertThat(id(laces, "eventAttendanceMode")).isEqualTo(S + "OfflineEventAttendanceMode");
        assertThat(first(laces, "offers").getJsonArray("@type").getString(0)).isEqualTo(S + "Offer");
        assertThat(value(first(laces, "offers"), "price")).isEqualTo("25.00");
    }

    @Test
    void ics_parsesBack_oneEventPerDrop_inUtc() throws Exception {
        APIGatewayV2HTTPResponse response = get("/directory.ics", Map.of("accept", "text/calendar"));
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("content-type", "text/calendar; charset=utf-8");
        assertThat(response.getBody()).contains("DTSTART:20261205T090000Z");

        Calendar calendar = new CalendarBuilder().build(new StringReader(response.getBody()));

        assertThat(text(calendar.getProperty(Property.PRODID))).isEqualTo(DirectoryCalendar.PRODID);
        assertThat(text(calendar.getProperty(Property.VERSION))).isEqualTo("2.0");
        assertThat(text(calendar.getProperty("X-WR-CALNAME"))).isEqualTo(DirectoryRoutes.DIRECTORY_NAME);
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).hasSize(2);
        VEvent neon = events.getFirst();
        assertThat(text(neon.getProperty(Property.UID))).isEqualTo("neon-runners@microdrop.dev");
        assertThat(text(neon.getProperty(Property.SUMMARY))).isEqualTo("Neon Runners");
        assertThat(text(neon.getProperty(Property.DTSTART))).isEqualTo("20261205T090000Z");
        assertThat(text(neon.getProperty(Property.DTEND))).isEqualTo("20261206T190000Z");
        assertThat(text(neon.getProperty(Property.DTSTAMP))).isEqualTo("20261205T080000Z");
        assertThat(text(neon.getProperty(Property.LOCATION))).isEqualTo("Torstraße 109, 10119 Berlin");
        assertThat(text(neon.getProperty(Property.GEO))).isEqualTo("52.5291;13.4014");
        assertThat(text(neon.getProperty(Property.URL))).isEqualTo("https://neon-runners.example.com");
        assertThat(text(neon.getProperty(Property.DESCRIPTION))).startsWith("Glows after dark")
                .contains("Availability: InStock").contains("Price: 9.00 to 129.00 EUR");
        assertThat(text(events.get(1).getProperty(Property.UID))).isEqualTo("laces-only@microdrop.dev");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/directory", "/directory.jsonld", "/directory.ics"})
    void eachFeed_answers304ToItsETag_evenAsTheClockMoves_andHeadWithoutABody(String path) {
        APIGatewayV2HTTPResponse first = get(path, Map.of());
        clock.advance(Duration.ofSeconds(5));

        APIGatewayV2HTTPResponse again = get(path, Map.of("if-none-match", first.getHeaders().get("etag")));
        APIGatewayV2HTTPResponse head = handler.apply(event("HEAD", path, Map.of(), null));

        assertThat(again.getStatusCode()).isEqualTo(304);
        assertThat(again.getBody()).isNull();
        assertThat(again.getHeaders()).containsKey("cache-control").containsKey("date");
        assertThat(head.getStatusCode()).isEqualTo(200);
        assertThat(head.getBody()).isNull();
        assertThat(head.getHeaders().get("etag")).isEqualTo(first.getHeaders().get("etag"));
    }

    @Test
    void theThreeFeeds_haveETagsOfTheirOwn() {
        assertThat(List.of("/directory", "/directory.jsonld", "/directory.ics").stream()
                .map(p -> get(p, Map.of()).getHeaders().get("etag")).distinct()).hasSize(3);
    }

    @ParameterizedTest(name = "{0} {1} ?{2} Accept: {3} -> {4} {5}")
    @CsvSource(delimiter = '|', value = {
            "POST | /directory | | | 405 | method-not-allowed",
            "DELETE | /directory.ics | | | 405 | method-not-allowed",
            "PUT | /directory.jsonld | | | 405 | method-not-allowed",
            "GET | /directory/ | | | 404 | not-found",
            "GET | /directory/neon-runners | | | 404 | not-found",
            "GET | /directory.xml | | | 404 | not-found",
            "GET | /directory.ics/x | | | 404 | not-found",
            "GET | /directory | page=2 | | 422 | invalid-request",
            "GET | /directory.jsonld | callback=alert(1) | | 422 | invalid-request",
            "GET | /directory | | text/html | 422 | invalid-request",
            "GET | /directory.ics | | application/json | 422 | invalid-request",
            "GET | /directory | | application/json;q=0 | 422 | invalid-request",
            "GET | /directory.jsonld | | not a media type | 422 | invalid-request",
    })
    void hostileRequests_getProblemJson_andChangeNothing(String method, String path, String query, String accept,
            int status, String type) throws Exception {
        int writes = table.writes();
        String before = get("/directory", Map.of()).getBody();
        Map<String, String> headers = accept == null ? Map.of() : Map.of("accept", accept);

        APIGatewayV2HTTPResponse response = handler.apply(event(method, path, headers, query));

        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json")
                .containsEntry("cache-control", "no-store");
        JsonNode problem = MAPPER.readTree(response.getBody());
        assertThat(problem.get("type").asText()).isEqualTo("https://microdrop.dev/problems/" + type);
        assertThat(new ResponseSchemas().failures("Problem", problem)).isEmpty();
        assertThat(table.writes()).isEqualTo(writes);
        assertThat(get("/directory", Map.of()).getBody()).isEqualTo(before);
    }

    @ParameterizedTest(name = "Accept: {0}")
    @CsvSource(delimiter = '|', value = {"*/*", "application/*", "text/html, */*;q=0.8", "APPLICATION/JSON",
            "application/json; charset=utf-8"})
    void theJsonFeed_takesTheAcceptHeadersBrowsersAndClientsSend(String accept) {
        assertThat(get("/directory", Map.of("accept", accept)).getStatusCode()).isEqualTo(200);
    }

    /** The example manifest's drop, opening in an hour with early access half an hour before. */
    private static Drop neonRunners() {
        Instant opens = Instant.parse("2026-12-05T09:00:00Z");
        Drop base = Drops.at(NOW).id("neon-runners").opensIn(Duration.ofHours(1)).openFor(Duration.ofHours(34))
                .insiders(Duration.ofMinutes(30), 1_000, 2).sku("NR-42", 100).build();
        List<PickupHub> hubs = List.of(
                new PickupHub("berlin-mitte", "Berlin Mitte micro-hub", List.of(Slot.of(opens.plus(Duration.ofHours(4)),
                        opens.plus(Duration.ofHours(8)), 60)), "Torstraße 109, 10119 Berlin",
                        new Coordinates(52.5291, 13.4014), Duration.ofHours(3)),
                new PickupHub("hamburg-schanze", "Hamburg Schanze micro-hub", List.of(), "Schulterblatt 58, 20357 Hamburg",
                        new Coordinates(53.5631, 9.9624), Duration.ofHours(4)));
        List<Sku> skus = new ArrayList<>();
        skus.add(new Sku("NR-42", "neon-runner", "Neon Runner", "EU 42", Money.of(12_900, "EUR"), 100));
        skus.add(new Sku("GL-1", "glow-laces", "Glow Laces", "One size", Money.of(900, "EUR"), 250));
        return new Drop("neon-runners", "Neon Runners", base.currency(), base.opensAt(), base.closesAt(),
                base.perBuyerLimit(), base.holdDuration(), true, hubs, skus, base.wavePlan(), true, base.insiders(),
                List.of(), null, new DropListing("Glows after dark: 300 pairs, one weekend.", "every first Saturday",
                "https://neon-runners.example.com"));
    }

    private static String text(java.util.Optional<? extends Property> property) {
        return property.orElseThrow().getValue();
    }

    private static JsonObject first(JsonObject node, String term) {
        return node.getJsonArray(S + term).getJsonObject(0);
    }

    private static String value(JsonObject node, String term) {
        JsonValue value = first(node, term).get("@value");
        return value instanceof jakarta.json.JsonString string ? string.getString() : value.toString();
    }

    private static String id(JsonObject node, String term) {
        return first(node, term).getString("@id");
    }

    private APIGatewayV2HTTPResponse get(String path, Map<String, String> headers) {
        return handler.apply(event("GET", path, headers, null));
    }

    private static APIGatewayV2HTTPEvent event(String method, String path, Map<String, String> headers, String query) {
        Map<String, String> parameters = new HashMap<>();
        if (query != null) {
            String[] pair = query.split("=", 2);
            parameters.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRawPath(path)
                .withRawQueryString(query == null ? "" : query)
                .withQueryStringParameters(query == null ? null : parameters)
                .withHeaders(new HashMap<>(headers))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
                                .build())
                        .build())
                .build();
    }
}
