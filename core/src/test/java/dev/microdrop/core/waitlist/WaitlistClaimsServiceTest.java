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
}
