package dev.microdrop.bench;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.infrastructure.aws.AwsClientFactory;
import dev.microdrop.infrastructure.dynamodb.DropTable;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropPublisher;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDbServer;
import dev.microdrop.infrastructure.dynamodb.TableKeys;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.dynamodb.services.local.main.ServerRunner;

/**
 * DynamoDB Local as an HTTP server on a loopback port (in memory, in this JVM), reached the way a function
 * reaches DynamoDB: through the production client factory's client, with {@link TableRequests} watching every
 * request it sends. Each scenario plays on a table of its own.
 */
final class BenchDynamoDb implements AutoCloseable {

    private final AwsClientFactory clients;
    private final DynamoDbClient client;
    private final TableRequests requests = new TableRequests();

    BenchDynamoDb() throws Exception {
        // DynamoDB Local prints its settings on stdout, which is the benchmark's report: send them to stderr.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            LocalDynamoDbServer.startAndConfigureSdk();
        } finally {
            System.setOut(stdout);
        }
        clients = AwsClientFactory.fromEnvironment();
        client = clients.dynamoDb(List.of(requests));
    }

    DynamoDbClient client() {
        return client;
    }

    TableRequests requests() {
        return requests;
    }

    /** A new table with microdrop's schema (its stream included), holding the drop as publishing leaves it. */
    String tableWith(Drop drop, Instant now) {
        String table = "microdrop-bench-" + UUID.randomUUID();
        DropTable.createIfMissing(client, table);
        new DynamoDbDropPublisher(client, table).publish(drop, now);
        return table;
    }

    /**
     * A SKU's four counters, read consistently from its item; for a sharded SKU, the sums of its stock shards'
     * (each shard kept, so {@link StockLevel#balanced()} checks every shard too).
     */
    StockLevel stock(String table, String dropId, String sku) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table).key(TableKeys.sku(dropId, sku))
                .consistentRead(true)).item();
        int shards = item.containsKey("shards") ? counter(item, "shards") : 1;
        if (shards == 1) {
            return new StockLevel(sku, counter(item, "released"), counter(item, "available"), counter(item, "held"),
                    counter(item, "sold"));
        }
        List<StockLevel> levels = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            int shard = i;
            Map<String, AttributeValue> counters = client.getItem(r -> r.tableName(table)
                    .key(TableKeys.stockShard(dropId, sku, shard)).consistentRead(true)).item();
            levels.add(StockLevel.ofShard(sku, shard, counter(counters, "released"), counter(counters, "available"),
                    counter(counters, "held"), counter(counters, "sold")));
        }
        return StockLevel.ofShards(sku, levels);
    }

    /** An open drop (as {@link TestDrops#open}) whose every SKU keeps its stock in {@code shards} stock shards. */
    static Drop openDrop(Instant now, int units, int shards, String... skus) {
        Drop drop = TestDrops.open(now, 2, units, skus);
        return new Drop(drop.dropId(), drop.name(), drop.currency(), drop.opensAt(), drop.closesAt(),
                drop.perBuyerLimit(), drop.holdDuration(), drop.shipping(), drop.hubs(), drop.skus().stream()
                .map(s -> new Sku(s.sku(), s.productId(), s.productName(), s.variantName(), s.price(), s.totalUnits(),
                        s.hubUnits(), s.waveUnits(), shards)).toList(), drop.wavePlan());
    }

    /** The DynamoDB Local release on the classpath, e.g. {@code 3.3.1}. */
    static String version() {
        try (InputStream in = ServerRunner.class.getResourceAsStream(
                "/META-INF/maven/software/amazon/dynamodb/DynamoDBLocal/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int counter(Map<String, AttributeValue> item, String name) {
        return Integer.parseInt(item.get(name).n());
    }

    @Override
    public void close() {
        client.close();
        clients.close();
    }
}
