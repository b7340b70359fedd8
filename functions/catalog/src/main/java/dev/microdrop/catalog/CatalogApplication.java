package dev.microdrop.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.catalog.CatalogQuery;
import dev.microdrop.core.catalog.CatalogService;
import dev.microdrop.core.drop.CachedDropReader;
import dev.microdrop.function.config.MicrodropFunctionConfiguration;
import dev.microdrop.function.http.FunctionUrlEvents;
import dev.microdrop.function.http.Responses;
import dev.microdrop.function.snapstart.Primer;
import dev.microdrop.infrastructure.json.Json;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The catalog Lambda: {@code MAIN_CLASS} for Spring Cloud Function's {@code FunctionInvoker}, function
 * definition {@code catalog}. It only reads.
 */
@SpringBootApplication
@Import(MicrodropFunctionConfiguration.class)
public class CatalogApplication {

    @Bean
    CatalogQuery catalogQuery(CachedDropReader drops, Clock clock) {
        return new CatalogService(drops, clock);
    }

    @Bean
    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> catalog(CatalogQuery catalogQuery, Responses responses,
            CachedDropReader drops) {
        return new CatalogHandler(catalogQuery, responses, drops.window());
    }

    /**
     * Before SnapStart's snapshot, reads only. Through the real handler: a drop that does not exist (404), the drop
     * directory (200), and the page of the first drop listed if one is published already. Then the page of a drop
     * held in memory ({@link PrimingDrop}) through a handler built on the same beans, so the page's code has run
     * even when the table holds no drop yet: the page is the request the first buyers send.
     */
    @Bean
    Primer catalogPrimer(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> catalog, Responses responses,
            CachedDropReader drops, Clock clock) {
        return () -> {
            catalog.apply(FunctionUrlEvents.request("GET", "/drops/" + Primer.DROP_ID, Map.of(), null));
            APIGatewayV2HTTPResponse list = catalog.apply(FunctionUrlEvents.request("GET", "/drops", Map.of(), null));
            JsonNode first = read(list.getBody()).path("drops").path(0).path("dropId");
            if (list.getStatusCode() == 200 && first.isTextual()) {
                catalog.apply(FunctionUrlEvents.request("GET", "/drops/" + first.asText(), Map.of(), null));
            }
            CachedDropReader sample = new CachedDropReader(new PrimingDrop(clock.instant()), clock, drops.window());
            new CatalogHandler(new CatalogService(sample, clock), responses, drops.window())
                    .apply(FunctionUrlEvents.request("GET", "/drops/" + Primer.DROP_ID, Map.of(), null));
        };
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the drop directory is not JSON", e);
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(CatalogApplication.class, args);
    }
}
