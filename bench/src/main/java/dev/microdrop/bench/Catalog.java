package dev.microdrop.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.microdrop.catalog.CatalogHandler;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The catalog under a burst: client threads ask for one drop's page (its set of SKUs, read by one Query) through
 * the catalog function's own code: handler, use case, per-instance cache, DynamoDB reader. Counts the table
 * reads the burst cost and the cache windows it spanned; the target is at most one read of the drop per window
 * per instance.
 *
 * <p>A warm-up burst at a fifth of the size (at most 50,000 requests) goes first, on instances of its own, so the
 * measured instances start with cold caches and their first read is counted.
 */
final class Catalog {

    private static final List<String> SKUS = List.of("A", "B", "C");

    private Catalog() {
    }

    static Report run(Options options, BenchDynamoDb db) throws InterruptedException {
        Instant now = Instant.now();
        String table = db.tableWith(BenchDynamoDb.openDrop(now, options.units(), options.shards(),
                SKUS.toArray(String[]::new)), now);
        APIGatewayV2HTTPEvent page = Events.dropPage(TestDrops.DROP);
        play(options.scaledTo(options.buyers(), options.units(), Math.clamp(options.requests() / 5, 1, 50_000)), db,
                table, page);

        TableRequests.Count before = db.requests().total();
        Storm.Result storm = play(options, db, table, page);
        TableRequests.Count sent = db.requests().total().minus(before);

        Latency latency = Latency.of(storm.latencies());
        long windowMillis = options.cacheWindow().toMillis();
        // A window opens with a read and lasts its length, so a burst of d seconds spans at most d / w + 1 of them.
        Long windows = windowMillis == 0 ? null : (long) (storm.seconds() * 1000 / windowMillis) + 1;
        double readsPerWindow = windows == null ? Double.NaN : (double) sent.reads() / (windows * options.instances());

        Report report = new Report()
                .put("scenario", options.scenario())
                .put("requests", storm.attempts())
                .put("skus", SKUS)
                .put("shards", options.shards())
                .put("clients", options.clients())
                .put("instances", options.instances())
                .put("cache_window_ms", windowMillis)
                .put("elapsed_s", storm.seconds(), 3)
                .put("requests_per_s", storm.perSecond(), 1)
                .put("p50_ms", latency.p50Ms(), 4)
                .put("p95_ms", latency.p95Ms(), 4)
                .put("p99_ms", latency.p99Ms(), 4)
                .put("outcomes", storm.outcomes())
                .put("table_reads", sent.reads())
                .put("reads_per_1000_requests", 1000.0 * sent.reads() / storm.attempts(), 4)
                .put("cache_windows", windows)
                .put("reads_per_window_per_instance", readsPerWindow, 3);
        report.line("microdrop bench catalog: %d requests for one drop's page (%d SKUs in %d stock shard(s) each), "
                        + "%d client threads, %d catalog instance(s), cache window %s, DynamoDB Local %s on loopback",
                storm.attempts(), SKUS.size(), options.shards(), options.clients(), options.instances(), options.cacheWindow(), BenchDynamoDb.version());
        report.line("  catalog requests  %10.1f /s   p50 %.3f ms, p95 %.3f ms, p99 %.3f ms; outcomes %s",
                storm.perSecond(), latency.p50Ms(), latency.p95Ms(), latency.p99Ms(), storm.outcomes());
        report.line("  table reads %d over %.2f s: %.4f per 1,000 requests; %s cache windows, %.3f reads per window "
                        + "per instance", sent.reads(), storm.seconds(), 1000.0 * sent.reads() / storm.attempts(),
                windows, readsPerWindow);
        if (storm.count(200) != storm.attempts()) {
            report.fail("not every request answered 200: " + storm.outcomes());
        }
        return report;
    }

    private static Storm.Result play(Options options, BenchDynamoDb db, String table, APIGatewayV2HTTPEvent page)
            throws InterruptedException {
        List<CatalogHandler> instances = IntStream.range(0, options.instances())
                .mapToObj(i -> Functions.catalog(db.client(), table, options.cacheWindow())).toList();
        return Storm.run(options.requests(), options.clients(), db.requests(),
                (client, n) -> instances.get(client % instances.size()).apply(page).getStatusCode());
    }
}
