package dev.microdrop.infrastructure.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.order.Address;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.reconcile.Drift;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.stock.HoldResult;
import dev.microdrop.core.testing.Drops;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reconcile counts an access layer's own tranche against the holds that name it, on DynamoDB Local. */
class LayerTrancheReconcileIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
    private static final BuyerIds BUYERS = new BuyerIds("tranche-key-tranche".getBytes(StandardCharsets.UTF_8));

    @Test
    void aTrancheThatIsNotWhatItsHoldsLeft_isReportedOnItsItem() {
        String table = LocalDynamoDb.newTable();
        new DynamoDbDropPublisher(LocalDynamoDb.client(), table).publish(Drops.at(NOW).opensIn(Duration.ofMinutes(30))
                .sku("A", 10).insiders(Duration.ofHours(1), 2_000, 3)
                .layer("past-buyers", Duration.ofMinutes(50), 3_000).build(), NOW);
        DynamoDbReconciler reconciler = new DynamoDbReconciler(LocalDynamoDb.client(), table,
                Clock.fixed(NOW, ZoneOffset.UTC));
        Order order = new Order(new OrderIds().next(NOW), Drops.DROP, BUYERS.of("pat@example.com"), "pat@example.com",
                List.of(new OrderLine("A", 2, Drops.PRICE)), Drops.PRICE.times(2),
                new Fulfilment.Ship(new Address("Pat Doe", "Invalidenstrasse 1", null, "Berlin", "10115", "DE")), OrderStatus.HELD, NOW, NOW.plus(Duration.ofMinutes(10)));
        assertThat(new DynamoDbInventory(LocalDynamoDb.client(), table).hold(new HoldRequest(order, "key-pat-1", "fp",
                3, NOW, true, Set.of(), "past-buyers"))).isInstanceOf(HoldResult.Held.class);
        assertThat(reconciler.reconcile().drifts()).as("3 set aside, 2 taken, 1 left").isEmpty();

        // The tranche given a unit behind the ledger's back.
        LocalDynamoDb.client().updateItem(r -> r.tableName(table).key(TableKeys.sku(Drops.DROP, "A"))
                .updateExpression("SET layerReserved.#layer = layerReserved.#layer + :one")
                .expressionAttributeNames(Map.of("#layer", "past-buyers"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));

        assertThat(reconciler.reconcile().drifts()).containsExactly(new Drift("tranche", Drops.DROP + "/A",
                "the past-buyers tranche was set to 3 and has 2 left, but its holds took 2"));
    }
}
