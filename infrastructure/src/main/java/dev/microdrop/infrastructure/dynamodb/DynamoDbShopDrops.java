package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.audience.BuyerErasure;
import dev.microdrop.core.audience.BuyerRecords;
import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.shop.ShopRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A deployed shop's drops' tables, for a buyer's export and erasure, found when asked: the prefix the shop's stack
 * gives ({@code microdrop.shop.drop-table-prefix}: {@code microdrop.<shop>.}) and each drop id the shop was told of
 * (its kept {@code DropPublished} events), so a drop deployed after the shop is found without redeploying it (the
 * stack grants the prefix, not a list). One store, {@code drops}: what each table erased or keeps, together.
 */
public final class DynamoDbShopDrops implements BuyerErasure, BuyerRecords {

    private final DynamoDbClient dynamoDb;
    private final ShopRecords records;
    private final String prefix;

    public DynamoDbShopDrops(DynamoDbClient dynamoDb, ShopRecords records, String prefix) {
        this.dynamoDb = dynamoDb;
        this.records = records;
        this.prefix = prefix;
    }

    /** The tables, in name order. */
    public List<String> tables() {
        return records.publications().stream().map(p -> prefix + p.dropId()).distinct().sorted().toList();
    }

    @Override
    public Erased erase(BuyerId buyer, Instant at) {
        Map<String, Integer> erased = new TreeMap<>();
        for (String table : tables()) {
            new DynamoDbBuyerErasure(dynamoDb, table).erase(buyer, at).recordsByKind()
                    .forEach((kind, count) -> erased.merge(kind, count, Integer::sum));
        }
        return new Erased("drops", erased);
    }

    @Override
    public Kept export(BuyerId buyer) {
        List<dev.microdrop.core.order.Order> orders = new ArrayList<>();
        List<Place> waitlist = new ArrayList<>();
        List<InsiderPass> passes = new ArrayList<>();
        for (String table : tables()) {
            Kept kept = new DynamoDbBuyerErasure(dynamoDb, table).export(buyer);
            orders.addAll(kept.orders());
            waitlist.addAll(kept.waitlist());
            passes.addAll(kept.insiderPasses());
        }
        return new Kept("drops", orders, waitlist, passes);
    }
}
