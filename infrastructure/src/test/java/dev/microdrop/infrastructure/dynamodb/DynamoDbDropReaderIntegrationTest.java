package dev.microdrop.infrastructure.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropListing;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.DropSummary;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.drop.WavePlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class DynamoDbDropReaderIntegrationTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void read_returnsTheDropAsPublishedWithItsCounters_inOneQuery() {
        Drop drop = TestDrops.open(NOW, 2, 7, "A", "B");
        String table = TestDrops.seeded(drop, NOW);
        CountingDynamoDb counting = new CountingDynamoDb(LocalDynamoDb.client());

        DropSnapshot snapshot = new DynamoDbDropReader(counting.client(), table, Clock.fixed(NOW, ZoneOffset.UTC))
                .read(TestDrops.DROP).orElseThrow();

        assertThat(snapshot.drop()).isEqualTo(drop);
        assertThat(snapshot.stock()).containsEntry("A", new StockLevel("A", 7, 7, 0, 0));
        assertThat(snapshot.readAt()).isEqualTo(NOW);
        assertThat(counting.reads()).isEqualTo(1);
    }

    @Test
    void read_returnsTheListingAsPublished_itsInterestsToo() {
        Drop open = TestDrops.open(NOW, 2, 7, "A");
        Drop drop = new Drop(open.dropId(), open.name(), open.currency(), open.opensAt(), open.closesAt(),
                open.perBuyerLimit(), open.holdDuration(), open.shipping(), open.hubs(), open.skus(), open.wavePlan(),
                open.restockOnRefund(), open.insiders(), open.shipFrom(), open.preorder(),
                new DropListing("A story.", null, "https://shop.example", java.util.List.of("sneakers", "running")));
        String table = TestDrops.seeded(drop, NOW);

        DropSnapshot snapshot = new DynamoDbDropReader(LocalDynamoDb.client(), table, Clock.fixed(NOW, ZoneOffset.UTC))
                .read(TestDrops.DROP).orElseThrow();

        assertThat(snapshot.drop().listing().interests()).containsExactly("running", "sneakers");
        assertThat(snapshot.drop()).isEqualTo(drop);
    }

    @Test
    void read_whenNoSuchDrop_thenEmpty() {
        String table = LocalDynamoDb.newTable();

        assertThat(new DynamoDbDropReader(LocalDynamoDb.client(), table, Clock.systemUTC()).read("nope")).isEmpty();
    }

    @Test
    void publish_releasesOnlyTheWavesDueAndListsTheDrop() {
        Drop standard = new Drop("waves", "Waves", Currency.getInstance("EUR"), NOW, NOW.plus(Duration.ofDays(1)), 2,
                Duration.ofMinutes(10), true, java.util.List.of(), TestDrops.open(NOW, 2, 101, "A").skus(),
                WavePlan.standard(NOW));
        String table = LocalDynamoDb.newTable();
        new DynamoDbDropPublisher(LocalDynamoDb.client(), table).publish(standard, NOW.plusSeconds(1));
        DynamoDbDropReader reader = new DynamoDbDropReader(LocalDynamoDb.client(), table, Clock.systemUTC());

        assertThat(reader.read("waves").orElseThrow().stock().get("A")).isEqualTo(new StockLevel("A", 40, 40, 0, 0));
        assertThat(reader.list()).containsExactly(new DropSummary("waves", "Waves", NOW, NOW.plus(Duration.ofDays(1))));
    }
}
