package dev.microdrop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.infrastructure.dynamodb.CountingDynamoDb;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.dynamodb.TableKeys;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import dev.microdrop.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Once a SKU is sold out, the instance knows it from its cache: late buyers get 409 without a table write.
 * Units that come back are sold again once the cache window has passed.
 */
class SoldOutFastPathIntegrationTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Duration WINDOW = Duration.ofSeconds(2);

    @Test
    void checkout_afterSellOut_turnsLateBuyersAwayWithoutWrites_andSellsReturnedUnitsAfterTheWindow() {
        MutableClock clock = new MutableClock(NOW);
        CountingDynamoDb counting = new CountingDynamoDb(LocalDynamoDb.client());
        CheckoutFixture fixture = new CheckoutFixture(TestDrops.open(NOW, 1, 3, "A"), counting.client(), clock, WINDOW);
        for (int i = 0; i < 4; i++) {
            fixture.post("early-key-" + i, CheckoutFixture.checkout(TestDrops.DROP, "early" + i + "@example.com", "A", "1"));
        }
        counting.reset();

        for (int i = 0; i < 500; i++) {
            APIGatewayV2HTTPResponse late = fixture.post("late-key-" + i,
                    CheckoutFixture.checkout(TestDrops.DROP, "late" + i + "@example.com", "A", "1"));
            assertThat(late.getStatusCode()).as(late.getBody()).isEqualTo(409);
            assertThat(CheckoutFixture.json(late).get("remaining").get(0).get("available").asInt()).isZero();
        }
        assertThat(counting.writes()).isZero();

        // A unit comes back (as an expired hold will return it) ...
        LocalDynamoDb.client().updateItem(r -> r.tableName(fixture.table).key(TableKeys.sku(TestDrops.DROP, "A"))
                .updateExpression("SET available = available + :one, held = held - :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
        // ... and is sold again once this instance's window has passed.
        clock.advance(WINDOW);
        APIGatewayV2HTTPResponse again = fixture.post("after-window",
                CheckoutFixture.checkout(TestDrops.DROP, "patient@example.com", "A", "1"));

        assertThat(again.getStatusCode()).isEqualTo(201);
    }

    @Test
    void checkout_whenARetryOfAHeldOrderArrivesAfterSellOut_thenItStillGetsItsOrder() {
        MutableClock clock = new MutableClock(NOW);
        CheckoutFixture fixture = new CheckoutFixture(TestDrops.open(NOW, 1, 1, "A"), LocalDynamoDb.client(), clock,
                WINDOW);
        String body = CheckoutFixture.checkout(TestDrops.DROP, "first@example.com", "A", "1");
        APIGatewayV2HTTPResponse first = fixture.post("the-only-key", body);
        fixture.post("someone-else", CheckoutFixture.checkout(TestDrops.DROP, "second@example.com", "A", "1"));

        APIGatewayV2HTTPResponse retry = fixture.post("the-only-key", body);

        assertThat(retry.getStatusCode()).isEqualTo(201);
        assertThat(retry.getHeaders()).containsEntry("idempotent-replayed", "true");
        assertThat(CheckoutFixture.json(retry).get("orderId")).isEqualTo(CheckoutFixture.json(first).get("orderId"));
    }
}
