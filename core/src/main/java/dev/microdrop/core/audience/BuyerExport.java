package dev.microdrop.core.audience;

import java.util.List;
import java.util.Optional;

/**
 * Everything the shop and its drops keep about one buyer: the audience's member (empty when the address never
 * signed up) and what each store keeps (a store that keeps nothing is left out).
 */
public record BuyerExport(Optional<MemberExport> member, List<BuyerRecords.Kept> stores) {

    public BuyerExport {
        stores = List.copyOf(stores);
    }
}
