package dev.microdrop.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.microdrop.checkout.CheckoutHandler;
import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A hot drop: distinct buyers race for the units of one SKU (or, as a bundle, one unit each of two SKUs in one
 * order) through the checkout function's own code on DynamoDB Local. Measured beside it, on the same table and
 * threads: the bare conditional update rate (the yardstick of the ratio) and the rate of bare transactions of a
 * hold's shape (what sets the sell-through rate when no code of ours runs).
 *
 * <p>A warm-up run at a fifth of the size (at most 2,000 buyers), on a table of its own, goes first and is
 * discarded, so the JIT has compiled the path before the clock runs.
 */
final class HotDrop {

    private HotDrop() {
    }

    /** What one run left: the yardsticks, the storm, the requests it sent, when its last unit went, the counters. */
    private record Played(Storm.Result bare, Storm.Result transactions, Storm.Result storm, TableRequests.Count sent,
            long lastHoldNanos, List<StockLevel> levels) {
    }

    static Report run(Options options, BenchDynamoDb db) throws InterruptedException {
        List<String> skus = options.scenario().equals("bundle") ? List.of("A", "B") : List.of("HOT");
        int warmBuyers = Math.clamp(options.buyers() / 5, 1, 2_000);
        play(options.scaledTo(warmBuyers, Math.max(1, warmBuyers / 20), options.requests()), db, skus);
        return report(options, skus, play(options, db, skus));
    }

    private static Played play(Options options, BenchDynamoDb db, List<String> skus) throws InterruptedException {
        Instant now = Instant.now();
        String[] skuIds = skus.toArray(String[]::new);
        // The per-buyer limit (2) never binds: every buyer is someone else and asks for one unit of each SKU.
        String table = db.tableWith(BenchDynamoDb.openDrop(now, options.units(), options.shards(), skuIds), now);
        Storm.Result bare = Yardsticks.update(db, table, options.buyers(), options.clients());
        Storm.Result transactions = Yardsticks.transaction(db, table, options.units(), skus.size(), options.clients());

        List<CheckoutHandler> instances = IntStream.range(0, options.instances())
                .mapToObj(i -> Functions.checkout(db.client(), table, options.cacheWindow())).toList();
        APIGatewayV2HTTPEvent[] events = IntStream.range(0, options.buyers())
                .mapToObj(n -> Events.checkout("bench-key-" + n, TestDrops.DROP,
                        "buyer" + n + "@bench.microdrop.dev", TestDrops.HUB, skuIds))
                .toArray(APIGatewayV2HTTPEvent[]::new);
        TableRequests.Count before = db.requests().total();
        Storm.Result storm = Storm.run(options.buyers(), options.clients(), db.requests(),
                (client, n) -> instances.get(client % instances.size()).apply(events[n]).getStatusCode());
        TableRequests.Count sent = db.requests().total().minus(before);
        List<StockLevel> levels = skus.stream().map(sku -> db.stock(table, TestDrops.DROP, sku)).toList();
        return new Played(bare, transactions, storm, sent, db.requests().lastTransactionNanos(), levels);
    }

    private static Report report(Options options, List<String> skus, Played played) {
        Storm.Result storm = played.storm();
        Storm.Result bare = played.bare();
        Storm.Result transactions = played.transactions();
        int held = storm.count(201);
        Latency latency = Latency.of(storm.latencies());
        Latency holds = Latency.of(storm.latencies(201));
        Latency bareLatency = Latency.of(bare.latencies());

        // Oversold, per SKU: units out (by the counters, or by the orders buyers were told they got, whichever is
        // more) beyond the units released. Balanced: every counter invariant holds and matches the orders.
        int oversold = 0;
        boolean balanced = true;
        Map<String, Map<String, Integer>> counters = new LinkedHashMap<>();
        for (StockLevel level : played.levels()) {
            oversold += Math.max(0, Math.max(level.held() + level.sold(), held) - level.released());
            balanced &= level.balanced() && level.held() == held;
            Map<String, Integer> four = new LinkedHashMap<>();
            four.put("released", level.released());
            four.put("available", level.available());
            four.put("held", level.held());
            four.put("sold", level.sold());
            counters.put(level.sku(), four);
        }

        // Sold out: once the transaction that took the last unit had answered, no unit of some SKU was left. An
        // attempt begun later arrived after the sell-out (the moment its buyer was answered is later still).
        boolean soldOut = played.levels().stream().anyMatch(l -> l.available() == 0) && held > 0;
        long soldOutAt = soldOut ? played.lastHoldNanos() : Long.MAX_VALUE;
        int after = 0;
        long writesAfter = 0;
        long readsAfter = 0;
        for (int i = 0; i < storm.attempts(); i++) {
            if (storm.begun()[i] > soldOutAt) {
                after++;
                writesAfter += storm.writes()[i];
                readsAfter += storm.reads()[i];
            }
        }
        double soldOutSeconds = soldOut ? (soldOutAt - storm.startNanos()) / 1e9 : Double.NaN;
        double holdsPerSecond = held / soldOutSeconds;
        double ratio = storm.perSecond() / bare.perSecond();

        Report report = new Report()
                .put("scenario", options.scenario())
                .put("buyers", options.buyers())
                .put("units", options.units())
                .put("skus", skus)
                .put("shards", options.shards())
                .put("clients", options.clients())
                .put("instances", options.instances())
                .put("cache_window_ms", options.cacheWindow().toMillis())
                .put("attempts", storm.attempts())
                .put("elapsed_s", storm.seconds(), 3)
                .put("attempts_per_s", storm.perSecond(), 1)
                .put("p50_ms", latency.p50Ms(), 3)
                .put("p95_ms", latency.p95Ms(), 3)
                .put("p99_ms", latency.p99Ms(), 3)
                .put("hold_p50_ms", holds.p50Ms(), 3)
                .put("hold_p99_ms", holds.p99Ms(), 3)
                .put("outcomes", storm.outcomes())
                .put("held", held)
                .put("oversold", oversold)
                .put("balanced", balanced)
                .put("counters", counters)
                .put("writes_per_attempt", (double) played.sent().writes() / storm.attempts(), 4)
                .put("reads_per_attempt", (double) played.sent().reads() / storm.attempts(), 4)
                .put("writes_by_operation", played.sent().writesByOperation())
                .put("sold_out_after_s", soldOutSeconds, 3)
                .put("holds_per_s", holdsPerSecond, 1)
                .put("ratio_holds", holdsPerSecond / bare.perSecond(), 3)
                .put("attempts_after_sellout", soldOut ? after : null)
                .put("writes_per_attempt_after_sellout", (double) writesAfter / after, 4)
                .put("reads_per_attempt_after_sellout", (double) readsAfter / after, 4)
                .put("bare_updates", bare.attempts())
                .put("bare_update_per_s", bare.perSecond(), 1)
                .put("bare_p50_ms", bareLatency.p50Ms(), 3)
                .put("bare_p99_ms", bareLatency.p99Ms(), 3)
                .put("ratio", ratio, 3)
                .put("bare_transaction_items", 4 + 2 * skus.size())
                .put("bare_transactions", transactions.attempts())
                .put("bare_transaction_per_s", transactions.perSecond(), 1)
                .put("ratio_holds_to_transactions", holdsPerSecond / transactions.perSecond(), 3);

        report.line("microdrop bench %s: %d buyers for %d units of %s in %d stock shard(s) each, %d client threads, "
                        + "%d checkout instance(s), cache window %s, DynamoDB Local %s on loopback", options.scenario(),
                options.buyers(), options.units(), String.join(" + ", skus), options.shards(), options.clients(),
                options.instances(),
                options.cacheWindow(), BenchDynamoDb.version());
        report.line("  bare conditional UpdateItem  %8.1f /s   p50 %.2f ms, p99 %.2f ms (%d updates)",
                bare.perSecond(), bareLatency.p50Ms(), bareLatency.p99Ms(), bare.attempts());
        report.line("  bare %d-item transaction     %8.1f /s   p50 %.2f ms, p99 %.2f ms (%d transactions, %s)",
                4 + 2 * skus.size(), transactions.perSecond(), Latency.of(transactions.latencies()).p50Ms(),
                Latency.of(transactions.latencies()).p99Ms(), transactions.attempts(), transactions.outcomes());
        report.line("  checkout attempts            %8.1f /s   p50 %.2f ms, p95 %.2f ms, p99 %.2f ms; ratio %.3f",
                storm.perSecond(), latency.p50Ms(), latency.p95Ms(), latency.p99Ms(), ratio);
        report.line("  holds (sell-through)         %8.1f /s   sold out after %.2f s; ratio %.3f (to transactions %.3f);"
                        + " p50 %.2f ms, p99 %.2f ms", holdsPerSecond, soldOutSeconds, holdsPerSecond / bare.perSecond(),
                holdsPerSecond / transactions.perSecond(), holds.p50Ms(), holds.p99Ms());
        report.line("  outcomes %s; held %d of %d, oversold %d, counters %s %s", storm.outcomes(), held,
                options.units(), oversold, balanced ? "balanced" : "NOT BALANCED", counters);
        report.line("  table writes per attempt %.4f %s; reads per attempt %.4f",
                (double) played.sent().writes() / storm.attempts(), played.sent().writesByOperation(),
                (double) played.sent().reads() / storm.attempts());
        report.line("  after sell-out: %d attempts, %.4f writes and %.4f reads per attempt", after,
                (double) writesAfter / after, (double) readsAfter / after);
        if (oversold > 0) {
            report.fail(oversold + " units oversold");
        }
        if (!balanced) {
            report.fail("the counters do not balance or do not match the orders held");
        }
        return report;
    }
}
