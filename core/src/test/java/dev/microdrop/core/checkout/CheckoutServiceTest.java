package dev.microdrop.core.checkout;

import static dev.microdrop.core.testing.Shop.NOW;
import static dev.microdrop.core.testing.Shop.command;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Slot;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.order.OrderLine;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.stock.HoldRequest;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.testing.Shop;
import dev.microdrop.core.waitlist.WaitlistEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /checkout}'s use case against in-memory ports (whose contracts run against DynamoDB Local too): what
 * the buyer is answered, and what was written. Every refusal leaves the stock and the outbox as they were.
 */
class CheckoutServiceTest {

    @Test
    void aCheckoutHoldsTheUnits_writesOrderHeld_andAttachesTheIntent() {
        Shop shop = new Shop(Drops.at(NOW).sku("A", 5).build());

        CheckoutOutcome outcome = shop.doors.checkout().checkout(command("key-ada-0001", "ada", "A", 2));

        Answers.Reserved reserved = (Answers.Reserved) outcome;
        assertThat(reserved.replayed()).isFalse();
        assertThat(reserved.order().amount().minorUnits()).isEqualTo(5_000);
        assertThat(reserved.payment().intentId()).isEqualTo("pi_" + reserved.order().orderId());
        assertThat(shop.inventory.intentOf(reserved.order().orderId())).contains(reserved.payment());
        assertThat(shop.inventory.events()).filteredOn(e -> !(e instanceof DomainEvent.DropPublished)).singleElement().isInstanceOf(DomainEvent.OrderHeld.class);
        assertThat(shop.inventory.read(Drops.DROP).orElseThrow().available("A")).isEqualTo(3);
    }

    @Test
    void aRetryWithTheSameKey_getsTheSameOrder_andHoldsNothingMore() {
        Shop shop = new Shop(Drops.at(NOW).sku("A", 5).build());
        Answers.Reserved first = (Answers.Reserved) shop.doors.checkout().checkout(command("key-ada-0001", "ada", "A", 2));

        Answers.Reserved again = (Answers.Reserved) shop.doors.checkout().checkout(command("key-ada-0001", "ada", "A", 2));

        assertThat(again.replayed()).isTrue();
        assertThat(again.order().orderId()).isEqualTo(first.order().orderId());
        assertThat(again.payment()).isEqualTo(first.payment());
        assertThat(shop.inventory.writes()).isEqualTo(1);
        assertThat(shop.doors.checkout().checkout(command("key-ada-0001", "ada", "A", 1)))
                .as("the key with another request").isEqualTo(new Answers.KeyReused());
    }

    @Test
    void whatTheCachedDropAlreadyRefutes_isRefusedWithoutAWrite() {
        Shop shop = new Shop(Drops.at(NOW).limit(4).sku("A", 5).build());

        assertThat(shop.doors.checkout().checkout(command("key-ada-0001", "ada", "Z", 1)))
                .isEqualTo(new Answers.InvalidRequest(List.of(new Violation("/lines/0/sku",
                        "drop test-drop sells no SKU Z"))));
        assertThat(shop.doors.checkout().checkout(command("key-ada-0002", "ada", "A", 5)))
                .isEqualTo(new Answers.LimitReached(4, 0, 5));
        CheckoutCommand elsewhere = ((Validated.Valid<CheckoutCommand>) CheckoutCommand.of("key-ada-0003", "no-drop",
                List.of(new RequestedLine("A", 1)), "ada@example.com", Shop.SHIP)).value();
        assertThat(shop.doors.checkout().checkout(elsewhere)).isEqualTo(new Answers.DropNotFound("no-drop"));
        assertThat(shop.inventory.attempts()).isZero();
    }

    @Test
    void beforeTheOpening_andWhilePaused_nothingIsHeld() {
        Drop later = Drops.at(NOW).opensIn(Duration.ofHours(1)).sku("A", 5).build();
        Shop early = new Shop(later);
        assertThat(early.doors.checkout().checkout(command("key-ada-0001", "ada", "A", 1)))
                .isEqualTo(new Answers.DropNotOpen(later.opensAt(), later.closesAt(), NOW));

        Shop paused = new Shop(Drops.at(NOW).sku("A", 5).build());
        paused.inventory.pause(Drops.DROP, NOW);
        assertThat(paused.doors.checkout().checkout(command("key-ada-0001", "ada", "A", 1)))
                .isEqualTo(new Answers.DropPaused(NOW));
        assertThat(early.inventory.attempts() + paused.inventory.attempts()).isZero();
    }

    @Test
    void aPauseNewerThanTheCache_isRefusedByTheWrite() {
        Shop shop = new Shop(Drops.at(NOW).sku("A", 5).build());
        shop.drops.read(Drops.DROP); // the cache: not paused
        shop.inventory.pause(Drops.DROP, NOW);

        assertThat(shop.doors.checkout().checkout(command("key-ada-0001", "ada", "A", 1)))
                .isEqualTo(new Answers.DropPaused(NOW));
        assertThat(shop.inventory.read(Drops.DROP).orElseThrow().available("A")).isEqualTo(5);
    }

    @Test
    void theLastUnitSellsOnce_theRefusalSaysWhatIsLeft_andTheCacheLearnsIt() {
        Shop shop = new Shop(Drops.at(NOW).sku("A", 1).build());
        shop.drops.read(Drops.DROP); // the cache: 1 left
        shop.doors.checkout().checkout(command("key-ada-0001", "ada", "A", 1));

        assertThat(shop.doors.checkout().checkout(command("key-bob-0001", "bob", "A", 1)))
                .isEqualTo(new CheckoutOutcome.SoldOut(List.of(new CheckoutOutcome.Remaining("A", 0, 0))));
        int attempts = shop.inventory.attempts();
        assertThat(shop.doors.checkout().checkout(command("key-cy-00001", "cy", "A", 1)))
                .isInstanceOf(CheckoutOutcome.SoldOut.class);
        assertThat(shop.inventory.attempts()).as("the cache knew: no write").isEqualTo(attempts);
        assertThat(shop.inventory.events()).filteredOn(e -> !(e instanceof DomainEvent.DropPublished)).hasSize(1);
    }

    @Test
    void anUnreachableProvider_leavesTheUnitsHeld_andTheRetryCompletesIt() {
        Shop shop = new Shop(Drops.at(NOW).sku("A", 5).build());
        shop.payments.down(true);

        CheckoutOutcome outcome = shop.doors.checkout().checkout(command("key-ada-0001", "ada", "A", 1));
        assertThat(outcome).isInstanceOf(Answers.PaymentUnavailable.class);
        shop.payments.down(false);
        Answers.Reserved retried = (Answers.Reserved) shop.doors.checkout().checkout(command("key-ada-0001", "ada", "A", 1));

        assertThat(retried.order().orderId()).isEqualTo(((Answers.PaymentUnavailable) outcome).order().orderId());
        assertThat(retried.payment()).isNotNull();
        assertThat(shop.inventory.writes()).isEqualTo(1);
    }

    @Test
    void aFullSlotNamesTheSlotsThatStillHaveSeats() {
        Slot first = Slot.of(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)), 1);
        Slot second = Slot.of(NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(2)).plus(Duration.ofHours(1)), 1);
        Shop shop = new Shop(Drops.at(NOW).sku("A", 5).hub("hub-two", first, second).build());
        Fulfilment pickup = new Fulfilment.Pickup("hub-two", first.slotId());
        shop.doors.checkout().checkout(command("key-ada-0001", "ada", pickup, "A", 1));

        assertThat(shop.doors.checkout().checkout(command("key-bob-0001", "bob", pickup, "A", 1)))
                .isEqualTo(new CheckoutOutcome.SlotFull("hub-two", first.slotId(), List.of(second.slotId())));
    }

    @Test
    void earlyAccess_needsTheBuyersOwnToken() {
        Drop drop = Drops.at(NOW).opensIn(Duration.ofMinutes(30)).sku("A", 4).insiders(Duration.ofHours(1), 5_000, 1)
                .build();
        Shop shop = new Shop(drop);

        assertThat(shop.doors.checkout().checkout(command("key-ada-0001", "ada", "A", 1)))
                .as("no token").isEqualTo(new Answers.DropNotOpen(drop.opensAt(), drop.closesAt(), NOW));
        assertThat(shop.doors.checkout().checkout(command("key-ada-0002", "ada", "A", 1).withAccessToken(shop.token("bob"))))
                .as("someone else's token").isInstanceOf(CheckoutOutcome.AccessRefused.class);
        assertThat(shop.doors.checkout().checkout(command("key-ada-0003", "ada", "A", 2).withAccessToken(shop.token("ada"))))
                .as("the insiders' own limit").isEqualTo(new Answers.LimitReached(1, 0, 2));
        assertThat(shop.doors.checkout().checkout(command("key-ada-0004", "ada", "A", 1).withAccessToken(shop.token("ada"))))
                .isInstanceOf(Answers.Reserved.class);
        assertThat(shop.inventory.writes()).isEqualTo(1);
    }

    @Test
    void layeredAccess_eachLayersTokenOpensAtItsLayersMoment_theInsidersFirst() {
        Drop drop = Drops.at(NOW).opensIn(Duration.ofMinutes(30)).sku("A", 4).insiders(Duration.ofHours(1), 5_000, 2)
                .layer("past-buyers", Duration.ofMinutes(45)).layer("audience", Duration.ofMinutes(10)).build();
        Shop shop = new Shop(drop);

        assertThat(shop.doors.checkout().checkout(command("key-ada-0001", "ada", "A", 1)
                .withAccessToken(shop.token("ada", "audience"))))
                .as("the audience's layer opens 10 minutes before the drop, not yet")
                .isEqualTo(new CheckoutOutcome.AccessRefused("your early access opens at "
                        + drop.opensAt().minus(Duration.ofMinutes(10)), drop.opensAt()));
        assertThat(shop.doors.checkout().checkout(command("key-bob-0001", "bob", "A", 1)
                .withAccessToken(shop.token("bob", "past-buyers"))))
                .as("the past buyers' layer is open").isInstanceOf(Answers.Reserved.class);
        assertThat(shop.doors.checkout().checkout(command("key-cy-0001", "cy", "A", 1)
                .withAccessToken(shop.token("cy"))))
                .as("an insider's token of three fields").isInstanceOf(Answers.Reserved.class);
        Drop withoutLayers = Drops.at(NOW).opensIn(Duration.ofMinutes(30)).sku("A", 4)
                .insiders(Duration.ofHours(1), 5_000, 2).build();
        Shop other = new Shop(withoutLayers);
        assertThat(other.doors.checkout().checkout(command("key-dee-0001", "dee", "A", 1)
                .withAccessToken(other.token("dee", "past-buyers"))))
                .as("a layer this drop lacks").isInstanceOf(CheckoutOutcome.AccessRefused.class);
        assertThat(shop.inventory.writes()).isEqualTo(2);
    }

    @Test
    void layeredAccess_aLayerWithAShareBuysFromItsOwnTranche_aLayerWithoutOneFromTheInsiders() {
        // 10 units: the insiders' 20% (2 units), the past buyers' own 30% (3); the audience shares the insiders'.
        Drop drop = Drops.at(NOW).opensIn(Duration.ofMinutes(30)).sku("A", 10).insiders(Duration.ofHours(1), 2_000, 1)
                .layer("past-buyers", Duration.ofMinutes(45), 3_000).layer("audience", Duration.ofMinutes(40)).build();
        Shop shop = new Shop(drop);

        for (String buyer : List.of("pat", "pia", "pim")) {
            assertThat(shop.doors.checkout().checkout(command("key-" + buyer + "-0001", buyer, "A", 1)
                    .withAccessToken(shop.token(buyer, "past-buyers"))))
                    .as("the past buyers' own tranche, " + buyer).isInstanceOf(Answers.Reserved.class);
        }
        assertThat(shop.doors.checkout().checkout(command("key-pol-0001", "pol", "A", 1)
                .withAccessToken(shop.token("pol", "past-buyers"))))
                .as("their tranche is gone, though the insiders' is whole")
                .isEqualTo(new CheckoutOutcome.SoldOut(List.of(new CheckoutOutcome.Remaining("A", 0, 0))));
        assertThat(shop.doors.checkout().checkout(command("key-ada-0001", "ada", "A", 1)
                .withAccessToken(shop.token("ada")))).as("an insider").isInstanceOf(Answers.Reserved.class);
        assertThat(shop.doors.checkout().checkout(command("key-amy-0001", "amy", "A", 1)
                .withAccessToken(shop.token("amy", "audience"))))
                .as("the audience buys from the insiders' tranche").isInstanceOf(Answers.Reserved.class);
        assertThat(shop.doors.checkout().checkout(command("key-al-00001", "al", "A", 1)
                .withAccessToken(shop.token("al", "audience"))))
                .as("the insiders' tranche is gone too").isInstanceOf(CheckoutOutcome.SoldOut.class);

        assertThat(shop.inventory.read(Drops.DROP).orElseThrow().available("A"))
                .as("5 units wait for the opening").isEqualTo(5);
        assertThat(shop.inventory.reconcile().drifts()).isEmpty();
    }

    @Test
    void aFlashWindowTheCacheDidNotKnow_isForInsidersOnly_andAnInsiderIsRoutedIntoIt() {
        Shop shop = new Shop(Drops.at(NOW).sku("A", 1).build());
        shop.doors.checkout().checkout(command("key-ada-0001", "ada", "A", 1));
        shop.drops.read(Drops.DROP); // the cache: no flash window
        Instant until = NOW.plus(Duration.ofMinutes(30));
        shop.inventory.flashRestock(Drops.DROP, "A", 2, until, NOW);

        assertThat(shop.doors.checkout().checkout(command("key-bob-0001", "bob", "A", 1)))
                .isEqualTo(new CheckoutOutcome.InsidersOnly("A", until));
        Answers.Reserved insider = (Answers.Reserved) shop.doors.checkout()
                .checkout(command("key-cy-00001", "cy", "A", 1).withAccessToken(shop.token("cy")));

        assertThat(insider.order().lines()).extracting(OrderLine::sku).containsExactly("A");
        assertThat(shop.inventory.read(Drops.DROP).orElseThrow().available("A")).isEqualTo(1);
    }

    @Test
    void aShipmentFallsOverToAnotherHub_whenTheCachedBestTurnsOutShort() {
        Map<String, Integer> units = new LinkedHashMap<>();
        units.put("hub-a", 2);
        units.put("hub-b", 1);
        Shop shop = new Shop(Drops.at(NOW).skuAtHubs("H", units).build());
        shop.drops.read(Drops.DROP); // the cache: hub-a has the most
        Order elsewhere = new Order("ord_elsewhere", Drops.DROP, Shop.buyer("zed"), "zed@example.com",
                List.of(new OrderLine("H", 2, Drops.PRICE, "hub-a")), Drops.PRICE.times(2), Shop.SHIP, OrderStatus.HELD,
                NOW, NOW.plus(Duration.ofMinutes(10)));
        shop.inventory.hold(new HoldRequest(elsewhere, "key-zed-0001", "fp", 4, NOW));

        Answers.Reserved reserved = (Answers.Reserved) shop.doors.checkout().checkout(command("key-ada-0001", "ada", "H", 1));

        assertThat(reserved.order().lines().getFirst().hubId()).isEqualTo("hub-b");
        assertThat(shop.inventory.read(Drops.DROP).orElseThrow().available("H")).isZero();
    }

    @Test
    void aBuyerTurnedAwayAsSoldOut_redeemsTheirWaitlistClaim() {
        Shop shop = new Shop(Drops.at(NOW).sku("A", 1).build());
        Answers.Reserved claim = (Answers.Reserved) shop.doors.checkout().checkout(command("key-claim-01", "ada", "A", 1));
        shop.waitlist.join(new WaitlistEntry(Drops.DROP, "A", Shop.buyer("ada"), "ada@example.com", 1, Shop.SHIP, NOW));
        shop.waitlist.offered(shop.waitlist.waiting(Drops.DROP, "A", 1).getFirst(), claim.order(),
                new DomainEvent.WaitlistClaimOffered("evt_claim", NOW, Drops.DROP, "A", claim.order().orderId(),
                        Shop.buyer("ada").value(), claim.order().holdExpiresAt()));

        CheckoutOutcome outcome = shop.doors.checkout().checkout(command("key-ada-0002", "ada", "A", 1));

        assertThat(outcome).isInstanceOfSatisfying(Answers.Reserved.class, r -> {
            assertThat(r.order().orderId()).isEqualTo(claim.order().orderId());
            assertThat(r.replayed()).isTrue();
        });
        assertThat(shop.doors.checkout().checkout(command("key-bob-0001", "bob", "A", 1)))
                .as("no claim for another buyer").isInstanceOf(CheckoutOutcome.SoldOut.class);
    }
}
