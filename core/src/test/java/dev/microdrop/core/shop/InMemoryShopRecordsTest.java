package dev.microdrop.core.shop;

import dev.microdrop.core.testing.InMemoryShopRecords;

/** The shop records' contract, in memory. */
class InMemoryShopRecordsTest extends ShopRecordsContract {

    @Override
    protected ShopRecords records() {
        return new InMemoryShopRecords();
    }
}
