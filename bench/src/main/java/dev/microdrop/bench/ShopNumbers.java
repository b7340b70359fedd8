package dev.microdrop.bench;

import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.shop.ShopHistories;
import dev.microdrop.core.shop.ShopHistory;
import dev.microdrop.core.shop.ShopKpiCalculator;
import dev.microdrop.core.shop.ShopKpis;
import dev.microdrop.infrastructure.dynamodb.DropTable;
import dev.microdrop.infrastructure.dynamodb.DynamoDbShopRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * {@code GET /shop/kpis} over a long history: a shop of {@link #DROPS} drops a month apart whose {@code --buyers}
 * buyers each first buy in one drop and come back to each later one with a chance of one in three; every order paid,
 * then collected at a hub or shipped. The history is kept through the shop's own adapter ({@link DynamoDbShopRecords},
 * as the shop's events function keeps it), then the KPIs are computed {@code --requests} times as the door does
 * (every record read, folded, computed), each timed, with the table reads it cost. The figure that matters is how the
 * time and the reads grow with the history: the door reads it whole on every call.
 */
final class ShopNumbers {

    static final int DROPS = 12;
    private static final long SEED = 20261203L;

    private ShopNumbers() {
    }

    static Report run(Options options, BenchDynamoDb db) {
        String table = "microdrop-bench-shop-" + UUID.randomUUID();
        DropTable.createIfMissing(db.client(), table);
        DynamoDbShopRecords records = new DynamoDbShopRecords(db.client(), table);
        Instant start = Instant.parse("2026-01-05T18:00:00Z");
        List<DomainEvent> history = history(options.buyers(), start);
        long seeding = System.nanoTime();
        history.forEach(records::append);
        double seedSeconds = (System.nanoTime() - seeding) / 1e9;

        Instant asOf = start.plus(Duration.ofDays(30L * DROPS + 30));
        ShopKpiCalculator calculator = new ShopKpiCalculator();
        List<Long> nanos = new ArrayList<>();
        TableRequests.Count before = db.requests().total();
        ShopKpis kpis = null;
        for (int i = 0; i < options.requests(); i++) {
            long t = System.nanoTime();
            ShopHistory folded = ShopHistories.fold(records);
            kpis = calculator.compute(folded, asOf);
            nanos.add(System.nanoTime() - t);
        }
        TableRequests.Count sent = db.requests().total().minus(before);
        db.client().deleteTable(r -> r.tableName(table));
        Latency latency = Latency.of(nanos.stream().mapToLong(Long::longValue).toArray());
        return new Report()
                .put("scenario", options.scenario())
                .put("drops", DROPS)
                .put("buyers", options.buyers())
                .put("events_kept", history.size())
                .put("seed_s", seedSeconds, 1)
                .put("kpi_requests", options.requests())
                .put("p50_ms", latency.p50Ms(), 1)
                .put("p95_ms", latency.p95Ms(), 1)
                .put("table_reads_per_request", (double) sent.reads() / options.requests(), 1)
                .put("cohorts", kpis == null ? 0 : kpis.cohorts().size())
                .put("drops_in_kpis", kpis == null ? 0 : kpis.drops().size());
    }

    /** The shop's events, as its drops would have sent them (a fixed seed: the same history every run). */
    static List<DomainEvent> history(int buyers, Instant start) {
        Random random = new Random(SEED);
        List<DomainEvent> events = new ArrayList<>();
        for (int d = 0; d < DROPS; d++) {
            Instant opens = start.plus(Duration.ofDays(30L * d));
            events.add(new DomainEvent.DropPublished("evt_pub_" + d, opens.minus(Duration.ofDays(7)), drop(d),
                    "Drop " + d, null, opens, opens.plus(Duration.ofDays(2)), buyers / 4, List.of("berlin-mitte"),
                    null));
        }
        int order = 0;
        for (int b = 0; b < buyers; b++) {
            String buyer = String.format("b_%032x", b);
            int first = random.nextInt(DROPS);
            for (int d = first; d < DROPS; d++) {
                if (d > first && random.nextInt(3) != 0) {
                    continue;
                }
                String orderId = "ord_" + order++;
                Instant paid = start.plus(Duration.ofDays(30L * d)).plus(Duration.ofMinutes(random.nextInt(600)));
                boolean pickup = random.nextBoolean();
                events.add(new DomainEvent.OrderPaid("evt_paid_" + orderId, paid, drop(d), orderId, buyer,
                        List.of(new DomainEvent.Line("A", 1)), 2_500, "EUR", pickup ? "PICKUP" : "SHIP", false));
                Instant ready = paid.plus(Duration.ofMinutes(30 + random.nextInt(240)));
                if (pickup) {
                    events.add(new DomainEvent.PickupReady("evt_ready_" + orderId, ready, drop(d), orderId, buyer,
                            "berlin-mitte", null));
                    events.add(new DomainEvent.PickupCollected("evt_collected_" + orderId,
                            ready.plus(Duration.ofHours(1 + random.nextInt(48))), drop(d), orderId, buyer,
                            "berlin-mitte"));
                } else {
                    events.add(new DomainEvent.OrderShipped("evt_shipped_" + orderId, ready, drop(d), orderId, buyer,
                            "DHL"));
                }
            }
        }
        return events;
    }

    private static String drop(int d) {
        return "drop-" + (d + 1);
    }
}
