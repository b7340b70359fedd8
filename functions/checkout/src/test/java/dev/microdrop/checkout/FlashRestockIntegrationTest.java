package dev.microdrop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.AccessTokens;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Insiders;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.merchant.FlashRestockResult;
import dev.microdrop.infrastructure.dynamodb.DynamoDbReconciler;
import dev.microdrop.infrastructure.dynamodb.DynamoDbStockAdjustments;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.dynamodb.TableKeys;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import dev.microdrop.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The insiders' flash restock on DynamoDB Local, through the real checkout handler: until the window ends only a
 * buyer with their own valid access token holds the SKU, from the restocked tranche and within the insiders' limit;
 * afterwards everyone. Refusals change nothing, and the books reconcile.
 */
class FlashRestockIntegrationTest {

    private static final BuyerIds BUYERS = new BuyerIds(CheckoutFixture.KEY);
    private static final AccessTokens TOKENS = new AccessTokens(CheckoutFixture.KEY);

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private CheckoutFixture fixture;
    private DynamoDbStockAdjustments adjustments;
    private Instant until;

    @BeforeEach
    void seed() {
        Instant now = clock.instant();
        Drop base = TestDrops.open(now, 2, 2, "A", "B");
        // Insiders may hold 1 unit each, in early access and in flash windows alike.
        Drop drop = new Drop(base.dropId(), base.name(), base.currency(), base.opensAt(), base.closesAt(), 2,
                base.holdDuration(), true, base.hubs(), base.skus(), base.wavePlan(), true,
                new Insiders(base.opensAt().minus(Duration.ofMinutes(10)), 1_000, 1));
        fixture = new CheckoutFixture(drop, LocalDynamoDb.client(), clock, Duration.ofSeconds(2));
        adjustments = new DynamoDbStockAdjustments(LocalDynamoDb.client(), fixture.table);
        until = now.plus(Duration.ofMinutes(10));
    }

    @Test
    void flashRestock_isForInsidersUntilItsWindowEnds_thenForEveryone() {
        assertThat(post("early-bird", null, "A", 1).getStatusCode()).isEqualTo(201);
        assertThat(adjustments.flashRestock(TestDrops.DROP, "A", 3, until, clock.instant()))
                .isEqualTo(FlashRestockResult.RESTOCKED);
        clock.advance(Duration.ofSeconds(3)); // past the cache window: the checkout sees the restock
        assertThat(stock("A")).isEqualTo(new StockLevel("A", 5, 4, 1, 0));
        var before = LocalDynamoDb.scan(fixture.table);

        APIGatewayV2HTTPResponse publicBuyer = post("walk-in", null, "A", 1);
        APIGatewayV2HTTPResponse wrongBuyer = post("ins1", token("ins2", until), "A", 1);
        APIGatewayV2HTTPResponse expired = post("ins1", token("ins1", clock.instant().minusSeconds(1)), "A", 1);
        APIGatewayV2HTTPResponse overLimit = post("ins1", token("ins1", until), "A", 2);

        assertThat(publicBuyer.getStatusCode()).isEqualTo(409);
        JsonNode problem = CheckoutFixture.json(publicBuyer);
        assertThat(problem.get("type").asText()).isEqualTo("https://microdrop.dev/problems/insiders-only");
        assertThat(problem.get("sku").asText()).isEqualTo("A");
        assertThat(problem.get("until").asText()).isEqualTo(until.toString());
        assertThat(wrongBuyer.getStatusCode()).as("another buyer's token").isEqualTo(403);
        assertThat(expired.getStatusCode()).as("an expired token").isEqualTo(403);
        assertThat(overLimit.getStatusCode()).as("over the insiders' limit").isEqualTo(429);
        assertThat(LocalDynamoDb.scan(fixture.table)).as("every refusal changed nothing").isEqualTo(before);

        for (String insider : new String[] {"ins1", "ins2", "ins3"}) {
            assertThat(post(insider, token(insider, until), "A", 1).getStatusCode()).as(insider).isEqualTo(201);
        }
        APIGatewayV2HTTPResponse fourth = post("ins4", token("ins4", until), "A", 1);

        assertThat(fourth.getStatusCode()).as("the tranche is all insiders get").isEqualTo(409);
        assertThat(CheckoutFixture.json(fourth).at("/remaining/0/available").asInt()).isZero();
        assertThat(post("walk-in", null, "A", 1).getStatusCode()).as("one unit left, still insiders only").isEqualTo(409);

        clock.advance(Duration.ofMinutes(10));
        APIGatewayV2HTTPResponse afterWindow = post("walk-in", null, "A", 1);

        assertThat(afterWindow.getStatusCode()).as("after the window the unit is everyone's").isEqualTo(201);
        assertThat(stock("A")).isEqualTo(new StockLevel("A", 5, 0, 5, 0));
        assertThat(new DynamoDbReconciler(LocalDynamoDb.client(), fixture.table, clock).reconcile().drifts()).isEmpty();
    }

    @Test
    void flashRestock_newerThanTheCache_isEnforcedByTheWrite_andInsidersAreRoutedToTheirTranche() {
        assertThat(post("warm-up", null, "B", 1).getStatusCode()).as("the cache now knows B, without a window")
                .isEqualTo(201);
        adjustments.flashRestock(TestDrops.DROP, "B", 2, until, clock.instant());
        var before = LocalDynamoDb.scan(fixture.table);

        APIGatewayV2HTTPResponse publicBuyer = post("walk-in", null, "B", 1);
        assertThat(publicBuyer.getStatusCode()).isEqualTo(409);
        assertThat(CheckoutFixture.json(publicBuyer).get("type").asText()).endsWith("/insiders-only");
        assertThat(LocalDynamoDb.scan(fixture.table)).isEqualTo(before);

        APIGatewayV2HTTPResponse insider = post("ins1", token("ins1", until), "B", 1);

        assertThat(insider.getStatusCode()).as(insider.getBody()).isEqualTo(201);
        Map<String, AttributeValue> b = LocalDynamoDb.client().getItem(r -> r.tableName(fixture.table)
                .key(TableKeys.sku(TestDrops.DROP, "B")).consistentRead(true)).item();
        assertThat(b.get("insiderReserved").n()).isEqualTo("1");
        assertThat(new DynamoDbReconciler(LocalDynamoDb.client(), fixture.table, clock).reconcile().drifts()).isEmpty();
    }

    @Test
    void flashRestock_isOneWindowAtATime_andOnlyForAnOpenDrop() {
        assertThat(adjustments.flashRestock(TestDrops.DROP, "A", 1, until, clock.instant()))
                .isEqualTo(FlashRestockResult.RESTOCKED);
        var before = LocalDynamoDb.scan(fixture.table);

        assertThat(adjustments.flashRestock(TestDrops.DROP, "A", 5, until.plusSeconds(60), clock.instant()))
                .isEqualTo(FlashRestockResult.WINDOW_RUNNING);
        assertThat(adjustments.flashRestock(TestDrops.DROP, "B", 5, clock.instant().plus(Duration.ofDays(3)),
                clock.instant().plus(Duration.ofDays(2)))).isEqualTo(FlashRestockResult.DROP_NOT_OPEN);
        assertThat(LocalDynamoDb.scan(fixture.table)).isEqualTo(before);
    }

    private String token(String buyer, Instant expiresAt) {
        return TOKENS.issue(TestDrops.DROP, BUYERS.of(buyer + "@example.com"), expiresAt);
    }

    private APIGatewayV2HTTPResponse post(String buyer, String token, String sku, int quantity) {
        String body = CheckoutFixture.checkout(TestDrops.DROP, buyer + "@example.com", sku, Integer.toString(quantity));
        if (token != null) {
            body = body.replaceFirst("\\{", "{\"accessToken\":\"" + token + "\",");
        }
        return fixture.post("flash-key-" + buyer + "-" + System.nanoTime(), body);
    }

    private StockLevel stock(String sku) {
        Map<String, AttributeValue> item = LocalDynamoDb.client().getItem(r -> r.tableName(fixture.table)
                .key(TableKeys.sku(TestDrops.DROP, sku)).consistentRead(true)).item();
        return new StockLevel(sku, Integer.parseInt(item.get("released").n()), Integer.parseInt(item.get("available").n()),
                Integer.parseInt(item.get("held").n()), Integer.parseInt(item.get("sold").n()));
    }
}
