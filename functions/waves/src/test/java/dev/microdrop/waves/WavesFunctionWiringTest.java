package dev.microdrop.waves;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.WavePlan;
import dev.microdrop.function.testing.LambdaHarness;
import dev.microdrop.infrastructure.dynamodb.DropTable;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropPublisher;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDbServer;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The waves function as Lambda runs it, with the schedule's input from events/waves-fired.json, twice. */
class WavesFunctionWiringTest {

    @Test
    void functionInvoker_releasesTheWaveOnce() throws Exception {
        DynamoDbClient dynamoDb = LocalDynamoDbServer.client();
        String table = "waves-wiring";
        System.setProperty("microdrop.table", table);
        DropTable.createIfMissing(dynamoDb, table);
        Instant now = Instant.now();
        Drop base = TestDrops.drop("neon-runners", now, now.plus(Duration.ofDays(1)), 2, 100, "NR-42");
        new DynamoDbDropPublisher(dynamoDb, table).publish(new Drop(base.dropId(), base.name(), base.currency(),
                base.opensAt(), base.closesAt(), 2, base.holdDuration(), true, base.hubs(), base.skus(),
                WavePlan.standard(now)), now);

        LambdaHarness lambda = new LambdaHarness(WavesApplication.class, "waves");
        JsonNode first = lambda.invoke("waves-fired.json");
        JsonNode second = lambda.invoke("waves-fired.json");

        assertThat(first.get("result").asText()).as(first.toString()).isEqualTo("released");
        assertThat(first.get("units").get("NR-42").asInt()).isEqualTo(40);
        assertThat(second.get("result").asText()).isEqualTo("already-released");
    }
}
