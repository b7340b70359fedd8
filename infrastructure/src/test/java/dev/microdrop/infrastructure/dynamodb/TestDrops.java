package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Money;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.Wave;
import dev.microdrop.core.drop.WavePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

/** Drops for tests: all units released at open unless a test asks for waves. */
public final class TestDrops {

    public static final String DROP = "test-drop";
    public static final String HUB = "hub-one";

    private TestDrops() {
    }

    /** An open drop (opened an hour before {@code now}) selling {@code units} of each given SKU at 25.00 EUR. */
    public static Drop open(Instant now, int perBuyerLimit, int units, String... skus) {
        Instant opensAt = now.minus(Duration.ofHours(1));
        return drop(DROP, opensAt, opensAt.plus(Duration.ofDays(2)), perBuyerLimit, units, skus);
    }

    public static Drop drop(String dropId, Instant opensAt, Instant closesAt, int perBuyerLimit, int units, String... skus) {
        List<Sku> list = java.util.Arrays.stream(skus)
                .map(s -> new Sku(s, "product-" + s.toLowerCase(), "Product " + s, "One size",
                        Money.of(2_500, "EUR"), units))
                .toList();
        return new Drop(dropId, "Test drop " + dropId, Currency.getInstance("EUR"), opensAt, closesAt, perBuyerLimit,
                Duration.ofMinutes(10), true, List.of(new PickupHub(HUB, "Hub One")), list,
                new WavePlan(List.of(new Wave(1, opensAt, WavePlan.WHOLE))));
    }

    /** Creates a table and publishes the drop into it; returns the table name. */
    public static String seeded(Drop drop, Instant now) {
        String table = LocalDynamoDb.newTable();
        new DynamoDbDropPublisher(LocalDynamoDb.client(), table).publish(drop, now);
        return table;
    }
}
