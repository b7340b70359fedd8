package dev.microdrop.core.waitlist;

import static dev.microdrop.core.testing.Shop.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.stock.Contention;
import dev.microdrop.core.stock.HoldPlanner;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.testing.InMemoryTable;
import dev.microdrop.core.testing.InMemoryWaitlist;
import dev.microdrop.core.testing.Shop;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** Offering units that came back to the buyers waiting for them, against in-memory ports. */
class WaitlistClaimsServiceTest {

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryTable inventory = new InMemoryTable(clock);
    private final InMemoryWaitlist waitlist = new InMemoryWaitlist();
    private final WaitlistClaimsService claims = new WaitlistClaimsService(waitlist,
            new HoldPlanner(inventory, new Contention(8, new ArrayList<Long>()::add)), inventory, new OrderIds(), clock);

    @Test
    void unitsBackAreOfferedInOrderOfJoining_asHoldsForTheBuyer_onceEach() {
        inventory.publish(Drops.at(NOW).sku("A", 1).build(), NOW);
        waitlist.join(new WaitlistEntry(Drops.DROP, "A", Shop.buyer("bob"), "bob@example.com", 1, Shop.SHIP,
                NOW.plus(Duration.ofSeconds(2))));
        waitlist.join(new WaitlistEntry(Drops.DROP, "A", Shop.buyer("ada"), "ada@example.com", 1, Shop.SHIP,
                NOW.plus(Duration.ofSeconds(1))));

        assertThat(claims.offer(Drops.DROP, "A")).isEqualTo(1);
        assertThat(claims.offer(Drops.DROP, "A")).as("nothing left for bob").isZero();

        assertThat(waitlist.claim(Drops.DROP, Shop.buyer("ada").value())).isPresent();
        assertThat(waitlist.claim(Drops.DROP, Shop.buyer("bob").value())).isEmpty();
        assertThat(waitlist.events()).singleElement().isInstanceOf(DomainEvent.WaitlistClaimOffered.class);
        assertThat(inventory.read(Drops.DROP).orElseThrow().available("A")).isZero();
    }

    @Test
    void aLineThatTakesEveryUnitBack_makesNoBackInStock() {
        inventory.publish(Drops.at(NOW).sku("A", 1).build(), NOW);
        waitlist.join(new WaitlistEntry(Drops.DROP, "A", Shop.buyer("ada"), "ada@example.com", 1, Shop.SHIP, NOW));

        assertThat(claims.offer(Drops.DROP, "A")).isEqualTo(1);

        assertThat(waitlist.events()).noneMatch(DomainEvent.BackInStock.class::isInstance);
    }

    @Test
    void anEmptyLine_withUnitsLeft_makesOneBackInStock_evenWhenTheUnitsBackComeAgain() {
        inventory.publish(Drops.at(NOW).sku("A", 3).build(), NOW);

        assertThat(claims.offer(Drops.DROP, "A")).isZero();
        assertThat(claims.offer(Drops.DROP, "A")).as("the same units-back event, redelivered").isZero();

        assertThat(waitlist.events()).singleElement().isEqualTo(new DomainEvent.BackInStock(
                "evt_backinstock_" + Drops.DROP + "_A_3_0_0", NOW, Drops.DROP, "A",
                inventory.read(Drops.DROP).orElseThrow().drop().sku("A").orElseThrow().productName(),
                inventory.read(Drops.DROP).orElseThrow().drop().sku("A").orElseThrow().variantName(), 3));
    }

    @Test
    void eachUnitsBackEvent_makesItsOwnBackInStock_soALaterEpisodeWithTheSameCountersIsNotARepeat() {
        inventory.publish(Drops.at(NOW).sku("A", 3).build(), NOW);

        claims.offer(Drops.DROP, "A", "evt_ord_1_OrderExpired");
        claims.offer(Drops.DROP, "A", "evt_ord_1_OrderExpired");
        // The same counters later (a unit held, sold out, the hold expired), brought back by another event.
        claims.offer(Drops.DROP, "A", "evt_ord_2_OrderExpired");

        assertThat(waitlist.events()).extracting(DomainEvent::eventId).containsExactly(
                "evt_backinstock_" + Drops.DROP + "_A_evt_ord_1_OrderExpired",
                "evt_backinstock_" + Drops.DROP + "_A_evt_ord_2_OrderExpired");
    }

    @Test
    void aLineServed_withUnitsLeft_makesBackInStock_withWhatIsLeftAfterTheClaims() {
        inventory.publish(Drops.at(NOW).sku("A", 3).build(), NOW);
        waitlist.join(new WaitlistEntry(Drops.DROP, "A", Shop.buyer("ada"), "ada@example.com", 1, Shop.SHIP, NOW));

        assertThat(claims.offer(Drops.DROP, "A")).isEqualTo(1);

        assertThat(waitlist.events()).filteredOn(DomainEvent.BackInStock.class::isInstance).singleElement()
                .extracting(e -> ((DomainEvent.BackInStock) e).available(), DomainEvent::eventId)
                .containsExactly(2, "evt_backinstock_" + Drops.DROP + "_A_3_1_0");
    }

    @Test
    void unitsOnSaleToNoOne_aPausedOrClosedDrop_makeNoBackInStock() {
        inventory.publish(Drops.at(NOW).sku("A", 3).build(), NOW);
        inventory.pause(Drops.DROP, NOW);
        assertThat(claims.offer(Drops.DROP, "A")).isZero();

        inventory.publish(Drops.at(NOW).id("closed").opensIn(Duration.ofHours(-3)).openFor(Duration.ofHours(1))
                .sku("A", 3).build(), NOW);
        assertThat(claims.offer("closed", "A")).isZero();

        assertThat(waitlist.events()).isEmpty();
    }
}
