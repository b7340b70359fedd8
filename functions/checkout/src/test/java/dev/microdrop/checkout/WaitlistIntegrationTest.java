package dev.microdrop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.lifecycle.OrderLifecycle;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.stock.Contention;
import dev.microdrop.core.stock.HoldPlanner;
import dev.microdrop.core.waitlist.WaitlistClaimsService;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropReader;
import dev.microdrop.infrastructure.dynamodb.DynamoDbInventory;
import dev.microdrop.infrastructure.dynamodb.DynamoDbOrderStore;
import dev.microdrop.infrastructure.dynamodb.DynamoDbWaitlist;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import dev.microdrop.core.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * Waitlists on DynamoDB Local: buyers who met "sold out" wait in line; units that come back are offered to them
 * in order, as claims; a claim that lapses goes back to the next buyer; a buyer redeems theirs by checking out.
 */
class WaitlistIntegrationTest {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final MutableClock clock = new MutableClock(now);

    @Test
    void claimsGoOutInOrder_andALapsedClaimGoesToTheNextBuyer() throws Exception {
        CheckoutFixture fixture = new CheckoutFixture(TestDrops.open(now, 2, 1, "A"), LocalDynamoDb.client(), clock,
                Duration.ZERO);
        JsonNode first = CheckoutFixture.json(fixture.post("first-buyer-key", body("first")));
        for (String buyer : new String[] {"ada", "bob", "cy"}) {
            assertThat(fixture.post("sold-out-" + buyer, body(buyer)).getStatusCode()).isEqualTo(409);
            clock.advance(Duration.ofSeconds(1)); // joins in this order
            APIGatewayV2HTTPResponse joined = fixture.handler.apply(CheckoutFixture.event("POST", "/waitlist",
                    java.util.Map.of("content-type", "application/json", "idempotency-key", "join-key-" + buyer), body(buyer)));
            assertThat(joined.getStatusCode()).as(joined.getBody()).isEqualTo(202);
        }
        OrderLifecycle lifecycle = new OrderLifecycle(new DynamoDbOrderStore(LocalDynamoDb.client(), fixture.table, clock),
                new DynamoDbDropReader(LocalDynamoDb.client(), fixture.table, clock), fixture.payments, clock);
        WaitlistClaimsService waitlists = new WaitlistClaimsService(new DynamoDbWaitlist(LocalDynamoDb.client(), fixture.table),
                new HoldPlanner(new DynamoDbInventory(LocalDynamoDb.client(), fixture.table), Contention.standard()),
                new DynamoDbDropReader(LocalDynamoDb.client(), fixture.table, clock), new OrderIds(), clock);

        // The first buyer's hold lapses: the unit goes to the first in line, Ada.
        clock.advance(Duration.ofMinutes(11));
        lifecycle.expire(first.get("orderId").asText());
        assertThat(waitlists.offer(TestDrops.DROP, "A")).isEqualTo(1);
        assertThat(waitlists.offer(TestDrops.DROP, "A")).as("nothing left for Bob yet").isZero();
        APIGatewayV2HTTPResponse bobTooEarly = fixture.post("bob-again-1", body("bob"));
        assertThat(bobTooEarly.getStatusCode()).isEqualTo(409);

        // Ada does not come back: her claim lapses and goes to Bob, who checks out and gets it.
        clock.advance(Duration.ofMinutes(11));
        String adasClaim = new DynamoDbWaitlist(LocalDynamoDb.client(), fixture.table)
                .claim(TestDrops.DROP, fixture.buyerId("ada@example.com")).orElseThrow().orderId();
        lifecycle.expire(adasClaim);
        assertThat(waitlists.offer(TestDrops.DROP, "A")).isEqualTo(1);
        APIGatewayV2HTTPResponse bob = fixture.post("bob-again-2", body("bob"));

        assertThat(bob.getStatusCode()).as(bob.getBody()).isEqualTo(201);
        assertThat(bob.getHeaders()).containsEntry("idempotent-replayed", "true");
        assertThat(new DynamoDbOrderStore(LocalDynamoDb.client(), fixture.table, Clock.systemUTC()).find(adasClaim).orElseThrow().status())
                .isEqualTo(OrderStatus.EXPIRED);
        assertThat(CheckoutConcurrencyIntegrationTest.stock(fixture.table, "A").held()).isEqualTo(1);
        // Cy still waits; joining twice keeps one place.
        APIGatewayV2HTTPResponse again = fixture.handler.apply(CheckoutFixture.event("POST", "/waitlist",
                java.util.Map.of("content-type", "application/json", "idempotency-key", "join-key-cy-2"), body("cy")));
        assertThat(CheckoutFixture.json(again).get("already").asBoolean()).isTrue();
    }

    /** A place in line for what can be bought now would only delay the buyer: refused, and nothing is written. */
    @Test
    void joiningTheWaitlistForWhatCanBeBoughtNow_isNotSoldOut_andWritesNothing() throws Exception {
        CheckoutFixture fixture = new CheckoutFixture(TestDrops.open(now, 2, 5, "A"), LocalDynamoDb.client(), clock,
                Duration.ZERO);
        var before = LocalDynamoDb.scan(fixture.table);

        APIGatewayV2HTTPResponse refused = fixture.handler.apply(CheckoutFixture.event("POST", "/waitlist",
                java.util.Map.of("content-type", "application/json", "idempotency-key", "join-key-early"), body("ada")));

        assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(409);
        JsonNode problem = CheckoutFixture.json(refused);
        assertThat(problem.get("type").asText()).isEqualTo("https://microdrop.dev/problems/not-sold-out");
        assertThat(problem.get("skus").get(0).asText()).isEqualTo("A");
        assertThat(problem.get("detail").asText()).contains("A can be bought now").contains("check out instead");
        assertThat(LocalDynamoDb.scan(fixture.table)).isEqualTo(before);
    }

    private static String body(String buyer) {
        return CheckoutFixture.checkout(TestDrops.DROP, buyer + "@example.com", "A", "1");
    }
}
