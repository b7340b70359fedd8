package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.drop.StockLevel;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.reconcile.Drift;
import dev.microdrop.core.reconcile.Reconciler;
import dev.microdrop.core.reconcile.ReconciliationReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Proves the books balance, from one consistent scan of the table:
 * <ul>
 *   <li>every SKU's ledger entries sum to its counters, and the counters balance
 *       ({@code available + held + sold == released}, none negative); each hub and each stock shard likewise, and
 *       a sharded SKU's counters are its shards' sums;</li>
 *   <li>every SKU's held count equals the units of its held orders, and every order's own ledger entries leave
 *       exactly what its status says (held units for a held order, none for a released one, sold units for a
 *       paid one);</li>
 *   <li>every paid order has a payment intent and the applied provider event that paid it;</li>
 *   <li>every access layer's own tranche on a stock item or shard is what the first wave set it to less the units
 *       its holds took (HOLD entries marked with the layer), never negative;</li>
 *   <li>every drop's pre-order capacity balances ({@code remaining + taken == cap}, none negative) and its
 *       {@code taken} equals the units of its live pre-orders ({@code HELD}, {@code RESERVED}, {@code BALANCE_DUE},
 *       {@code PAID}). Pre-orders hold no stock and have no ledger, so the stock checks skip them.</li>
 * </ul>
 * A scan reads every item: fine for a drop of hundreds of units and thousands of orders, run on demand.
 */
public final class DynamoDbReconciler implements Reconciler {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public DynamoDbReconciler(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public ReconciliationReport reconcile() {
        Map<String, StockLevel> counters = new HashMap<>();
        Map<String, int[]> ledgerSums = new HashMap<>();
        Map<String, Map<String, int[]>> perOrder = new HashMap<>();
        List<Map<String, AttributeValue>> orderItems = new ArrayList<>();
        Map<String, String> providerEvents = new HashMap<>();
        Map<String, int[]> capacities = new HashMap<>();
        Map<String, Integer> shardedReleased = new HashMap<>();
        Map<String, Integer> shardCounts = new HashMap<>();
        Map<String, Map<Integer, StockLevel>> shards = new HashMap<>();
        Map<String, Map<String, int[]>> tranches = new HashMap<>();
        int entries = 0;

        for (Map<String, AttributeValue> item : dynamoDb.scanPaginator(r -> r.tableName(table).consistentRead(true))
                .items()) {
            String type = Attributes.string(item, DropItems.TYPE);
            if (type == null) {
                continue;
            }
            switch (type) {
                case "Sku" -> {
                    String key = skuKey(Attributes.string(item, TableKeys.PK).substring("DROP#".length()),
                            Attributes.string(item, "sku"));
                    if (DropItems.shardCount(item) > 1) {
                        // Its counters are its shards' sums, checked once every shard is read.
                        shardedReleased.put(key, Attributes.integer(item, "released"));
                        shardCounts.put(key, DropItems.shardCount(item));
                        break;
                    }
                    StockLevel level = DropItems.stock(item);
                    counters.put(key, level);
                    tranches(item, key, tranches);
                    // Each hub of a split SKU is checked on its own, as if it were a SKU.
                    level.hubs().forEach((hub, hubLevel) -> counters.put(hubKey(key, hub), hubLevel));
                }
                case "StockShard" -> {
                    StockLevel level = DropItems.stock(item);
                    String key = skuKey(Attributes.string(item, "dropId"), level.sku());
                    counters.put(shardKey(key, level.shard()), level);
                    tranches(item, shardKey(key, level.shard()), tranches);
                    shards.computeIfAbsent(key, k -> new java.util.TreeMap<>()).put(level.shard(), level);
                }
                case "LedgerEntry" -> {
                    entries++;
                    String key = skuKey(Attributes.string(item, "dropId"), Attributes.string(item, "sku"));
                    int[] d = deltas(item);
                    add(ledgerSums.computeIfAbsent(key, k -> new int[4]), d);
                    if (item.containsKey(DropItems.SHARD)) {
                        add(ledgerSums.computeIfAbsent(shardKey(key, Attributes.integer(item, DropItems.SHARD)),
                                k -> new int[4]), d);
                    }
                    String hub = Attributes.string(item, "hubId");
                    if (hub != null) {
                        add(ledgerSums.computeIfAbsent(hubKey(key, hub), k -> new int[4]), d);
                    }
                    String layer = Attributes.string(item, LedgerItems.TRANCHE);
                    if (layer != null) {
                        // A hold from a layer's own tranche: counted against the stock item (or shard) it took from.
                        String of = item.containsKey(DropItems.SHARD)
                                ? shardKey(key, Attributes.integer(item, DropItems.SHARD)) : key;
                        tranches.computeIfAbsent(of, k -> new HashMap<>())
                                .computeIfAbsent(layer, k -> new int[3])[2] += Attributes.integer(item, "quantity");
                    }
                    String orderId = Attributes.string(item, "orderId");
                    if (orderId != null) {
                        add(perOrder.computeIfAbsent(orderId, k -> new HashMap<>()).computeIfAbsent(key, k -> new int[4]), d);
                    }
                }
                case "Order" -> orderItems.add(item);
                case "PreorderCapacity" -> capacities.put(Attributes.string(item, "dropId"), new int[] {
                        Attributes.integer(item, "cap"), Attributes.integer(item, "remaining"),
                        Attributes.integer(item, "taken")});
                case "ProviderEvent" -> providerEvents.put(Attributes.string(item, "eventId"),
                        Attributes.string(item, "orderId"));
                default -> {
                }
            }
        }

        List<Drift> drifts = new ArrayList<>();
        // A sharded SKU is checked like any other, with its shards' sums as its counters, and each shard on its own.
        shardedReleased.forEach((key, released) -> {
            Map<Integer, StockLevel> of = shards.getOrDefault(key, Map.of());
            if (of.size() != shardCounts.get(key)) {
                drifts.add(new Drift("shards", key, "the SKU has " + shardCounts.get(key) + " stock shards but "
                        + of.size() + " shard items were found"));
            }
            StockLevel total = StockLevel.ofShards(key.substring(key.indexOf('/') + 1), List.copyOf(of.values()));
            counters.put(key, new StockLevel(total.sku(), total.released(), total.available(), total.held(),
                    total.sold()));
            if (total.released() != released) {
                drifts.add(new Drift("shards", key, "the SKU item says " + released + " released but its shards "
                        + "released " + total.released()));
            }
        });
        Map<String, Integer> heldByOrders = new HashMap<>();
        Map<String, Integer> preordered = new HashMap<>();
        for (Map<String, AttributeValue> item : orderItems) {
            Order order = OrderItems.order(item);
            checkOrder(order, item, perOrder.getOrDefault(order.orderId(), Map.of()), providerEvents, drifts);
            if (order.preorder()) {
                if (LIVE_PREORDER.contains(order.status())) {
                    preordered.merge(order.dropId(), order.units(), Integer::sum);
                }
            } else if (order.status() == OrderStatus.HELD) {
                for (OrderLine line : order.lines()) {
                    String key = skuKey(order.dropId(), line.sku());
                    heldByOrders.merge(key, line.quantity(), Integer::sum);
                    if (line.hubId() != null) {
                        heldByOrders.merge(hubKey(key, line.hubId()), line.quantity(), Integer::sum);
                    }
                    if (line.shard() != null) {
                        heldByOrders.merge(shardKey(key, line.shard()), line.quantity(), Integer::sum);
                    }
                }
            }
        }
        counters.forEach((key, level) -> {
            int[] sums = ledgerSums.getOrDefault(key, new int[4]);
            StockLevel fromLedger = new StockLevel(level.sku(), sums[0], sums[1], sums[2], sums[3], level.hubs(),
                    level.shards(), level.shard());
            if (!fromLedger.equals(level)) {
                drifts.add(new Drift("ledger", key, "counters " + describe(level) + " but the ledger sums to "
                        + describe(fromLedger)));
            }
            if (!level.balanced()) {
                drifts.add(new Drift("invariant", key, "counters " + describe(level) + " do not balance"));
            }
            int held = heldByOrders.getOrDefault(key, 0);
            if (held != level.held()) {
                drifts.add(new Drift("orders", key, "held " + level.held() + " but held orders hold " + held));
            }
        });
        // Each layer's own tranche: what the first wave set it to, less what is left, is what its holds took.
        tranches.forEach((key, byLayer) -> byLayer.forEach((layer, t) -> {
            if (t[1] < 0 || t[0] - t[1] != t[2]) {
                drifts.add(new Drift("tranche", key, "the " + layer + " tranche was set to " + t[0] + " and has "
                        + t[1] + " left, but its holds took " + t[2]));
            }
        }));
        capacities.forEach((dropId, c) -> {
            String subject = dropId + "/PREORDERS";
            if (c[1] + c[2] != c[0] || c[1] < 0 || c[2] < 0) {
                drifts.add(new Drift("preorders", subject, "cap " + c[0] + " but remaining " + c[1] + " and taken "
                        + c[2]));
            }
            int live = preordered.getOrDefault(dropId, 0);
            if (live != c[2]) {
                drifts.add(new Drift("preorders", subject, "taken " + c[2] + " but live pre-orders hold " + live));
            }
        });
        preordered.forEach((dropId, units) -> {
            if (!capacities.containsKey(dropId)) {
                drifts.add(new Drift("preorders", dropId + "/PREORDERS", "live pre-orders hold " + units
                        + " units but the drop has no pre-order capacity"));
            }
        });
        long skus = counters.keySet().stream().filter(key -> !key.contains("@") && !key.contains("#")).count();
        return new ReconciliationReport(clock.instant(), (int) skus, orderItems.size(), entries, drifts);
    }

    /** A stock item's layers' tranches, seeded and left, into {@code tranches} under {@code key}. */
    private static void tranches(Map<String, AttributeValue> item, String key, Map<String, Map<String, int[]>> tranches) {
        DropItems.layerCounts(item, DropItems.LAYER_SEEDED).forEach((layer, seeded) ->
                tranches.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(layer, k -> new int[3])[0] = seeded);
        DropItems.layerCounts(item, DropItems.LAYER_RESERVED).forEach((layer, left) ->
                tranches.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(layer, k -> new int[3])[1] = left);
    }

    private static void checkOrder(Order order, Map<String, AttributeValue> item, Map<String, int[]> ledger,
            Map<String, String> providerEvents, List<Drift> drifts) {
        // A pre-order holds no stock and writes no ledger entry: its lines have nothing to check here.
        for (OrderLine line : order.preorder() ? List.<OrderLine>of() : order.lines()) {
            int[] net = ledger.getOrDefault(skuKey(order.dropId(), line.sku()), new int[4]);
            int expectedHeld = order.status() == OrderStatus.HELD ? line.quantity() : 0;
            if (net[2] != expectedHeld) {
                drifts.add(new Drift("orders", order.orderId(), order.status() + " order's ledger leaves " + net[2]
                        + " of " + line.sku() + " held, expected " + expectedHeld));
            }
            if (order.status() == OrderStatus.PAID && net[3] != line.quantity()) {
                drifts.add(new Drift("orders", order.orderId(), "paid order's ledger sells " + net[3] + " of "
                        + line.sku() + ", expected " + line.quantity()));
            }
        }
        if (order.status() == OrderStatus.PAID) {
            String paidBy = Attributes.string(item, "paidByEvent");
            if (Attributes.string(item, "intentId") == null) {
                drifts.add(new Drift("payment", order.orderId(), "paid order has no payment intent"));
            }
            if (paidBy == null || !order.orderId().equals(providerEvents.get(paidBy))) {
                drifts.add(new Drift("payment", order.orderId(), "paid order has no applied payment event"));
            }
        }
    }

    private static final java.util.Set<OrderStatus> LIVE_PREORDER = java.util.EnumSet.of(OrderStatus.HELD,
            OrderStatus.RESERVED, OrderStatus.BALANCE_DUE, OrderStatus.PAID);

    private static int[] deltas(Map<String, AttributeValue> entry) {
        return new int[] {Attributes.integer(entry, "dReleased"), Attributes.integer(entry, "dAvailable"),
                Attributes.integer(entry, "dHeld"), Attributes.integer(entry, "dSold")};
    }

    private static void add(int[] sum, int[] delta) {
        for (int i = 0; i < 4; i++) {
            sum[i] += delta[i];
        }
    }

    private static String skuKey(String dropId, String sku) {
        return dropId + "/" + sku;
    }

    private static String shardKey(String skuKey, int shard) {
        return skuKey + "#" + shard;
    }

    private static String hubKey(String skuKey, String hubId) {
        return skuKey + "@" + hubId;
    }

    private static String describe(StockLevel level) {
        return "released " + level.released() + ", available " + level.available() + ", held " + level.held()
                + ", sold " + level.sold();
    }
}
