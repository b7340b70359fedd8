package dev.microdrop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.AccessTokens;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Insiders;
import dev.microdrop.core.drop.Wave;
import dev.microdrop.core.drop.WavePlan;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import dev.microdrop.infrastructure.dynamodb.TableKeys;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Early access on DynamoDB Local: in the insider window only a buyer with their own valid token may buy, only
 * from the insiders' tranche and within the insiders' limit; every refusal changes nothing.
 */
class EarlyAccessIntegrationTest {

    private static final BuyerIds BUYERS = new BuyerIds(CheckoutFixture.KEY);
    private static final AccessTokens TOKENS = new AccessTokens(CheckoutFixture.KEY);

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Instant opensAt = now.plus(Duration.ofHours(1));
    private CheckoutFixture fixture;

    @BeforeEach
    void seed() {
        Instant insidersFrom = now.minus(Duration.ofMinutes(10));
        Drop base = TestDrops.drop(TestDrops.DROP, opensAt, opensAt.plus(Duration.ofDays(1)), 2, 100, "A");
        // With early access, wave 1 goes out when early access begins; everyone else waits for opensAt.
        Drop drop = new Drop(base.dropId(), base.name(), base.currency(), opensAt, base.closesAt(), 2,
                base.holdDuration(), true, base.hubs(), base.skus(), new WavePlan(List.of(
                        new Wave(1, insidersFrom, 5_000), new Wave(2, opensAt, 5_000))), true,
                new Insiders(insidersFrom, 1_000, 1));
        fixture = new CheckoutFixture(drop, Clock.systemUTC());
    }

    @Test
    void anInsiderWithTheirToken_buysFromTheTranche() {
        APIGatewayV2HTTPResponse response = post("ada", token("ada", now.plusSeconds(3_600)), 1);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        assertThat(LocalDynamoDb.client().getItem(r -> r.tableName(fixture.table).key(TableKeys.sku(TestDrops.DROP, "A"))
                .consistentRead(true)).item().get("insiderReserved").n()).isEqualTo("4");
    }

    @Test
    void refusedTokens_changeNothing() {
        var before = LocalDynamoDb.scan(fixture.table);
        String adas = token("ada", now.plusSeconds(3_600));
        String[] parts = adas.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThat(post("bob", adas, 1).getStatusCode()).as("another buyer's token").isEqualTo(403);
        assertThat(post("ada", token("ada", now.minusSeconds(1)), 1).getStatusCode()).as("expired").isEqualTo(403);
        assertThat(post("ada", tampered, 1).getStatusCode()).as("tampered").isEqualTo(403);
        assertThat(post("ada", TOKENS.issue("other-drop", BUYERS.of("ada@example.com"), now.plusSeconds(3_600)), 1)
                .getStatusCode()).as("another drop").isEqualTo(403);
        assertThat(post("ada", adas, 2).getStatusCode()).as("over the insiders' limit").isEqualTo(429);
        assertThat(post("ada", null, 1).getStatusCode()).as("no token before opening").isEqualTo(409);
        assertThat(CheckoutFixture.json(post("bob", adas, 1)).get("type").asText())
                .isEqualTo("https://microdrop.dev/problems/access-token-invalid");

        assertThat(LocalDynamoDb.scan(fixture.table)).isEqualTo(before);
    }

    @Test
    void theTranche_isAllInsidersGet() {
        for (int i = 0; i < 5; i++) {
            assertThat(post("insider" + i, token("insider" + i, now.plusSeconds(3_600)), 1).getStatusCode()).isEqualTo(201);
        }

        APIGatewayV2HTTPResponse sixth = post("insider5", token("insider5", now.plusSeconds(3_600)), 1);

        assertThat(sixth.getStatusCode()).isEqualTo(409);
        assertThat(CheckoutFixture.json(sixth).get("remaining").get(0).get("available").asInt()).isZero();
    }

    private String token(String buyer, Instant expiresAt) {
        return TOKENS.issue(TestDrops.DROP, BUYERS.of(buyer + "@example.com"), expiresAt);
    }

    private APIGatewayV2HTTPResponse post(String buyer, String token, int quantity) {
        String body = CheckoutFixture.checkout(TestDrops.DROP, buyer + "@example.com", "A", Integer.toString(quantity));
        if (token != null) {
            body = body.replaceFirst("\\{", "{\"accessToken\":\"" + token + "\",");
        }
        return fixture.post("early-key-" + buyer + "-" + System.nanoTime(), body);
    }
}
