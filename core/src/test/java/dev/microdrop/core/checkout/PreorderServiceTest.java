package dev.microdrop.core.checkout;

import static dev.microdrop.core.testing.Shop.NOW;
import static dev.microdrop.core.testing.Shop.command;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.testing.Shop;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /preorders}' use case against in-memory ports. */
class PreorderServiceTest {

    @Test
    void aSoldOutSkuIsPreOrdered_withADepositIntent_fromTheCapacity() {
        Shop shop = new Shop(Drops.at(NOW).sku("A", 0).preorders(2_000, 3).build());

        Answers.Reserved reserved = (Answers.Reserved) shop.doors.preorders().preorder(command("key-ada-0001", "ada", "A", 2));

        assertThat(reserved.order().preorder()).isTrue();
        assertThat(reserved.order().deposit().minorUnits()).isEqualTo(1_000);
        assertThat(shop.payments.intentsAsked).containsExactly("deposit:" + reserved.order().orderId() + ":1000");
        assertThat(shop.inventory.events()).filteredOn(e -> !(e instanceof DomainEvent.DropPublished)).singleElement().isInstanceOf(DomainEvent.PreorderPlaced.class);
        assertThat(shop.doors.preorders().paymentDue(reserved.order())).isPresent();
        assertThat(shop.doors.preorders().preorder(command("key-bob-0001", "bob", "A", 2)))
                .isEqualTo(new PreorderOutcome.CapReached(1));
        assertThat(shop.doors.preorders().preorder(command("key-ada-0001", "ada", "A", 2)))
                .as("a retry").isInstanceOfSatisfying(Answers.Reserved.class, r -> assertThat(r.replayed()).isTrue());
    }

    @Test
    void whatCanStillBeBought_orADropWithoutTerms_takesNoPreOrder() {
        Shop inStock = new Shop(Drops.at(NOW).sku("A", 5).preorders(2_000, 3).build());
        assertThat(inStock.doors.preorders().preorder(command("key-ada-0001", "ada", "A", 1)))
                .isEqualTo(new PreorderOutcome.NotSoldOut(List.of("A")));

        Shop noTerms = new Shop(Drops.at(NOW).sku("A", 0).build());
        assertThat(noTerms.doors.preorders().preorder(command("key-ada-0001", "ada", "A", 1)))
                .isEqualTo(new PreorderOutcome.PreordersClosed("drop test-drop takes no pre-orders"));
        assertThat(inStock.inventory.attempts() + noTerms.inventory.attempts()).isZero();
    }

    @Test
    void aStandardOrderHasNothingDueByPreOrderTerms() {
        Shop shop = new Shop(Drops.at(NOW).sku("A", 5).build());
        Answers.Reserved order = (Answers.Reserved) shop.doors.checkout().checkout(command("key-ada-0001", "ada", "A", 1));

        assertThat(order.order().status()).isEqualTo(OrderStatus.HELD);
        assertThat(shop.doors.preorders().paymentDue(order.order())).isEmpty();
    }
}
