package dev.microdrop.core.checkout;

import static dev.microdrop.core.testing.Shop.NOW;
import static dev.microdrop.core.testing.Shop.command;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.testing.Shop;
import dev.microdrop.core.waitlist.WaitlistEntry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /waitlist}'s use case against in-memory ports. */
class JoinWaitlistServiceTest {

    @Test
    void aBuyerWaitsOnce_forWhatIsSoldOut() {
        Shop shop = new Shop(Drops.at(NOW).sku("A", 1).build());
        shop.doors.checkout().checkout(command("key-zed-0001", "zed", "A", 1));
        shop.clock.advance(Duration.ofMinutes(61)); // past the cache's window: the drop is read again

        assertThat(shop.doors.waitlist().joinWaitlist(command("key-ada-0001", "ada", "A", 1)))
                .isEqualTo(new WaitlistOutcome.Waitlisted("A", false));
        assertThat(shop.doors.waitlist().joinWaitlist(command("key-ada-0002", "ada", "A", 1)))
                .isEqualTo(new WaitlistOutcome.Waitlisted("A", true));
        assertThat(shop.waitlist.waiting(Drops.DROP, "A", 10)).extracting(WaitlistEntry::buyerEmail)
                .containsExactly("ada@example.com");
    }

    @Test
    void whatCanBeBoughtNow_orTwoSkus_orAClosedDrop_getNoPlace() {
        Shop shop = new Shop(Drops.at(NOW).sku("A", 3).sku("B", 3).build());
        assertThat(shop.doors.waitlist().joinWaitlist(command("key-ada-0001", "ada", "A", 1)))
                .isEqualTo(new WaitlistOutcome.InStock("A", 3));
        assertThat(shop.doors.waitlist().joinWaitlist(command("key-ada-0002", "ada", "A", 1, "B", 1)))
                .isEqualTo(new Answers.InvalidRequest(List.of(new Violation("/lines",
                        "a waitlist place is for one SKU: send one line"))));

        Drop over = Drops.at(NOW).opensIn(Duration.ofDays(-3)).sku("A", 3).build();
        Shop closed = new Shop(over);
        assertThat(closed.doors.waitlist().joinWaitlist(command("key-ada-0001", "ada", "A", 1)))
                .isEqualTo(new Answers.DropNotOpen(over.opensAt(), over.closesAt(), NOW));
        assertThat(shop.waitlist.waiting(Drops.DROP, "A", 10)).isEmpty();
    }
}
