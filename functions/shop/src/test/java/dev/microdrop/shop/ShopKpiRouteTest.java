package dev.microdrop.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.audience.Audience;
import dev.microdrop.core.audience.LinkTokens;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.shop.ShopHistories;
import dev.microdrop.core.shop.ShopKpiCalculator;
import dev.microdrop.core.testing.InMemoryAudienceMembers;
import dev.microdrop.core.testing.InMemoryShopRecords;
import dev.microdrop.function.auth.MerchantAuth;
import dev.microdrop.function.http.FunctionUrlEvents;
import dev.microdrop.function.http.Responses;
import dev.microdrop.infrastructure.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /shop/kpis} through the shop's handler, on records in memory: only a merchant gets the figures, and they
 * are the core's, as it computes them; every refusal is problem JSON.
 */
class ShopKpiRouteTest {

    static final String KEY = "shop-merchant-key-0123456789";
    private static final byte[] BUYER_KEY = "shop-kpi-test-buyer-id-key-012345".getBytes(StandardCharsets.UTF_8);

    private final InMemoryShopRecords records = new InMemoryShopRecords();
    private final ShopHandler handler = handler(records);

    static ShopHandler handler(dev.microdrop.core.shop.ShopRecords records) {
        Responses responses = new Responses(Json.mapper());
        Clock clock = Clock.fixed(SeededShopHistory.AS_OF, ZoneOffset.UTC);
        Audience audience = new Audience(new InMemoryAudienceMembers(), new BuyerIds(BUYER_KEY),
                new LinkTokens(BUYER_KEY), Audience.DEFAULT_CONFIRM_WINDOW);
        // The audience's routes are ShopHandlerIntegrationTest's: no sign-up mail is sent here.
        return new ShopHandler(audience, null, null, URI.create("https://shop.example/unsubscribe/"), Json.mapper(),
                responses, clock, new ShopHandler.Extras(new ShopKpiRoute(
                        new MerchantAuth("shop-merchant=" + KEY, Optional.empty()), records, responses, clock),
                        null, null, null));
    }

    @Test
    void aMerchant_getsTheCoresFigures_asOfNow_notStored() throws Exception {
        SeededShopHistory.seed(records);

        APIGatewayV2HTTPResponse response = get(Map.of("authorization", "Bearer " + KEY));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("cache-control", "no-store");
        JsonNode expected = Json.mapper().readTree(Json.mapper().writeValueAsString(new ShopKpiCalculator()
                .compute(ShopHistories.fold(records), SeededShopHistory.AS_OF)));
        assertThat(Json.mapper().readTree(response.getBody())).isEqualTo(expected);
    }

    @Test
    void noRecordsYet_isAnAnswerWithNothingInIt() throws Exception {
        APIGatewayV2HTTPResponse response = get(Map.of("authorization", "Bearer " + KEY));

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(response.getBody());
        assertThat(body.get("cohorts")).isEmpty();
        assertThat(body.get("drops")).isEmpty();
        assertThat(body.at("/survey/answers").asInt()).isZero();
        assertThat(body.at("/survey").has("mean")).isFalse();
    }

    @Test
    void withoutCredentials_401_askingForBearer() throws Exception {
        APIGatewayV2HTTPResponse response = get(Map.of());

        assertProblem(response, 401, "unauthorized");
        assertThat(response.getHeaders()).containsEntry("www-authenticate", "Bearer");
    }

    @Test
    void anUnknownKeyOrAForgedToken_401_invalidToken() throws Exception {
        for (String credential : new String[] {"not-the-shops-key-000000", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.x"}) {
            APIGatewayV2HTTPResponse response = get(Map.of("authorization", "Bearer " + credential));

            assertProblem(response, 401, "unauthorized");
            assertThat(response.getHeaders()).containsEntry("www-authenticate", "Bearer error=\"invalid_token\"");
            assertThat(response.getBody()).doesNotContain("cohorts");
        }
    }

    @Test
    void anotherMethod_405_withAllow_andNothingRead() throws Exception {
        SeededShopHistory.seed(records);
        for (String method : new String[] {"POST", "PUT", "DELETE"}) {
            APIGatewayV2HTTPResponse response = handler.apply(FunctionUrlEvents.request(method, "/shop/kpis",
                    Map.of("authorization", "Bearer " + KEY, "content-type", "application/json"), "{}"));

            assertProblem(response, 405, "method-not-allowed");
            assertThat(response.getHeaders()).containsEntry("allow", "GET");
        }
    }

    private APIGatewayV2HTTPResponse get(Map<String, String> headers) {
        return handler.apply(FunctionUrlEvents.request("GET", "/shop/kpis", headers, null));
    }

    private static void assertProblem(APIGatewayV2HTTPResponse response, int status, String type) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("content-type", Responses.PROBLEM_JSON);
        JsonNode problem = Json.mapper().readTree(response.getBody());
        assertThat(problem.get("type").asText()).isEqualTo("https://microdrop.dev/problems/" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
    }
}
