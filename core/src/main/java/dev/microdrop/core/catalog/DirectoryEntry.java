package dev.microdrop.core.catalog;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.DropSnapshot;
import dev.microdrop.core.drop.DropStatus;
import dev.microdrop.core.drop.Money;

/**
 * One drop as a directory lists it: the drop as read ({@code snapshot}: its stock and pickup seats as of its read),
 * where it is in time, its stock as a whole and its price range over all its SKUs.
 */
public record DirectoryEntry(DropSnapshot snapshot, DropStatus status, Availability availability, Money lowestPrice,
        Money highestPrice) {

    public Drop drop() {
        return snapshot.drop();
    }
}
