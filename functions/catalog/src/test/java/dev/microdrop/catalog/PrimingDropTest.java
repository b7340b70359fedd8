package dev.microdrop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.catalog.CatalogService;
import dev.microdrop.core.drop.CachedDropReader;
import dev.microdrop.function.http.FunctionUrlEvents;
import dev.microdrop.function.http.Responses;
import dev.microdrop.function.snapstart.Primer;
import dev.microdrop.infrastructure.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drop the catalog's primer renders from memory is a whole page, the one a buyer gets: 200, ETag, SKUs. */
class PrimingDropTest {

    @Test
    void theInMemoryDrop_rendersAsAFullPage() throws Exception {
        Clock clock = Clock.systemUTC();
        CatalogHandler handler = new CatalogHandler(new CatalogService(new CachedDropReader(
                new PrimingDrop(clock.instant()), clock, Duration.ofSeconds(2)), clock), new Responses(Json.mapper()),
                Duration.ofSeconds(2));

        APIGatewayV2HTTPResponse page = handler.apply(FunctionUrlEvents.request("GET", "/drops/" + Primer.DROP_ID,
                Map.of(), null));

        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getHeaders()).containsKeys("etag", "cache-control");
        assertThat(Json.mapper().readTree(page.getBody()).path("skus").path(0).path("available").asInt()).isEqualTo(3);
    }
}
