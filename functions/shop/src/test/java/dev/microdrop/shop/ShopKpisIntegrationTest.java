package dev.microdrop.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.function.http.FunctionUrlEvents;
import dev.microdrop.function.testing.ResponseSchemas;
import dev.microdrop.infrastructure.dynamodb.DropTable;
import dev.microdrop.infrastructure.dynamodb.DynamoDbShopRecords;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDbServer;
import dev.microdrop.infrastructure.json.Json;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code GET /shop/kpis} on DynamoDB Local: {@link SeededShopHistory}'s events, notices and answers kept through
 * {@link DynamoDbShopRecords} (each event twice), read back, folded and computed by the handler; every figure equal
 * to the hand computation written in {@link SeededShopHistory}, and the answer valid against docs/openapi.yaml.
 */
class ShopKpisIntegrationTest {

    @Test
    void kpis_ofASeededHistory_equalTheHandComputation() throws Exception {
        DynamoDbClient dynamoDb = LocalDynamoDbServer.client();
        String table = "shop-kpis-" + UUID.randomUUID();
        DropTable.createIfMissing(dynamoDb, table);
        DynamoDbShopRecords records = new DynamoDbShopRecords(dynamoDb, table);
        SeededShopHistory.seed(records);

        APIGatewayV2HTTPResponse response = ShopKpiRouteTest.handler(records).apply(FunctionUrlEvents.request("GET",
                "/shop/kpis", Map.of("authorization", "Bearer " + ShopKpiRouteTest.KEY), null));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode kpis = Json.mapper().readTree(response.getBody());
        assertThat(new ResponseSchemas().failures("ShopKpis", kpis)).isEmpty();
        assertThat(kpis.get("asOf").asText()).isEqualTo("2026-10-01T00:00:00Z");

        // The retention cohorts.
        assertThat(kpis.get("cohorts")).hasSize(2);
        assertThat(kpis.at("/cohorts/0")).isEqualTo(json(
                "{\"month\":\"2026-03\",\"buyers\":4,\"repeatBuyers\":2,\"closed\":true,\"repeatRate\":0.5}"));
        assertThat(kpis.at("/cohorts/1")).isEqualTo(json(
                "{\"month\":\"2026-09\",\"buyers\":1,\"repeatBuyers\":0,\"closed\":false}"));

        // Qualified demand and sell-through, per drop.
        JsonNode d1 = kpis.at("/drops/0");
        JsonNode d2 = kpis.at("/drops/1");
        assertThat(d1.get("dropId").asText()).isEqualTo(SeededShopHistory.D1);
        assertThat(d1.get("demand")).isEqualTo(json("{\"preorderBuyers\":1,\"earlyAccessBuyers\":2,"
                + "\"demandBuyers\":2,\"notifiedBuyers\":4,\"rate\":0.5}"));
        assertThat(d1.get("sellThrough")).isEqualTo(json("{\"totalUnits\":10,\"unitsPaid7d\":3,\"unitsPaid30d\":4,"
                + "\"rate7d\":0.3,\"rate30d\":0.4}"));
        assertThat(d2.get("dropId").asText()).isEqualTo(SeededShopHistory.D2);
        assertThat(d2.get("demand")).isEqualTo(json("{\"preorderBuyers\":0,\"earlyAccessBuyers\":0,"
                + "\"demandBuyers\":0,\"notifiedBuyers\":2,\"rate\":0.0}"));
        assertThat(d2.get("sellThrough")).isEqualTo(json("{\"totalUnits\":4,\"unitsPaid7d\":1,\"unitsPaid30d\":3,"
                + "\"rate7d\":0.25,\"rate30d\":0.75}"));

        // Time to fulfil, and pickup against shipped.
        JsonNode fulfilment = kpis.get("fulfilment");
        assertThat(fulfilment.get("pickupOrders").asInt()).isEqualTo(2);
        assertThat(fulfilment.get("shipOrders").asInt()).isEqualTo(5);
        assertThat(fulfilment.get("pickupShare").asDouble()).isCloseTo(2.0 / 7, within(1e-12));
        assertThat(fulfilment.get("paidToReady")).isEqualTo(percentiles(2, 7_200, 10_800));
        assertThat(fulfilment.get("readyToCollected")).isEqualTo(percentiles(1, 86_400, 86_400));
        assertThat(fulfilment.get("paidToShipped")).isEqualTo(percentiles(3, 86_400, 172_800));
        assertThat(fulfilment.get("paidToHandedOver")).isEqualTo(percentiles(4, 86_400, 172_800));

        // The survey: a buyer's second answer for a drop was refused and counts for nothing.
        assertThat(d1.get("survey")).isEqualTo(json(
                "{\"answers\":2,\"promoters\":1,\"detractors\":1,\"mean\":8.0,\"nps\":0.0}"));
        assertThat(d2.get("survey")).isEqualTo(json(
                "{\"answers\":1,\"promoters\":1,\"detractors\":0,\"mean\":9.0,\"nps\":100.0}"));
        assertThat(kpis.at("/survey/answers").asInt()).isEqualTo(3);
        assertThat(kpis.at("/survey/mean").asDouble()).isCloseTo(25.0 / 3, within(1e-12));
        assertThat(kpis.at("/survey/nps").asDouble()).isCloseTo(100.0 / 3, within(1e-12));
    }

    private static JsonNode percentiles(int samples, long p50, long p90) throws Exception {
        return json("{\"samples\":" + samples + ",\"p50Seconds\":" + p50 + ",\"p90Seconds\":" + p90 + "}");
    }

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }
}
