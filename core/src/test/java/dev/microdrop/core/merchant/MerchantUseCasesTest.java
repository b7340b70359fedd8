package dev.microdrop.core.merchant;

import static dev.microdrop.core.testing.Shop.NOW;
import static dev.microdrop.core.testing.Shop.command;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.AccessTokens;
import dev.microdrop.core.checkout.Answers;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.order.OrderStatus;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.testing.Shop;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The merchant's insiders' passes, flash restock and reports, against the in-memory table. */
class MerchantUseCasesTest {

    private static final byte[] KEY = Shop.KEY;

    @Test
    void insidersGetTheirOwnTokens_untilTheDropOpens_andAreCountedAsNotified() {
        Drop drop = Drops.at(NOW).opensIn(Duration.ofMinutes(30)).sku("A", 4).insiders(Duration.ofHours(1), 5_000, 2)
                .build();
        Shop shop = new Shop(drop);
        InsiderPasses passes = passes(shop);

        InsiderPasses.Issued issued = (InsiderPasses.Issued) passes.issue(shop.inventory.read(Drops.DROP).orElseThrow(),
                List.of("ada@example.com"));

        InsiderPasses.Pass pass = issued.passes().getFirst();
        assertThat(pass.expiresAt()).isEqualTo(drop.opensAt());
        assertThat(new AccessTokens(KEY).refusal(pass.token(), Drops.DROP, Shop.buyer("ada"), NOW)).isNull();
        assertThat(new AccessTokens(KEY).refusal(pass.token(), Drops.DROP, Shop.buyer("bob"), NOW)).isNotNull();
        assertThat(shop.inventory.insiders(Drops.DROP)).containsExactly(Shop.buyer("ada").value());
        assertThat(shop.doors.checkout().checkout(command("key-ada-0001", "ada", "A", 1).withAccessToken(pass.token())))
                .isInstanceOf(Answers.Reserved.class);
    }

    @Test
    void noTokenWithoutEarlyAccess_norOnceItIsOver() {
        Shop plain = new Shop(Drops.at(NOW).sku("A", 4).build());
        assertThat(passes(plain).issue(plain.inventory.read(Drops.DROP).orElseThrow(), List.of("ada@example.com")))
                .isEqualTo(new InsiderPasses.NoEarlyAccess());

        Drop opened = Drops.at(NOW).sku("A", 4).insiders(Duration.ofHours(1), 5_000, 2).build();
        Shop over = new Shop(opened);
        assertThat(passes(over).issue(over.inventory.read(Drops.DROP).orElseThrow(), List.of("ada@example.com")))
                .isEqualTo(new InsiderPasses.Over(opened.opensAt(), NOW));
        assertThat(over.inventory.insiders(Drops.DROP)).isEmpty();
    }

    @Test
    void aFlashRestockIsForInsidersUntilItsWholeSecond_withTheirTokens() {
        Shop shop = new Shop(Drops.at(NOW).sku("A", 1).build());
        FlashRestock flash = new FlashRestock(shop.inventory, passes(shop), shop.clock);

        FlashRestock.Outcome restock = flash.restock(shop.inventory.read(Drops.DROP).orElseThrow(), "A", 2, 15,
                List.of("ada@example.com"));

        Instant until = NOW.plus(Duration.ofMinutes(15));
        assertThat(restock).isInstanceOfSatisfying(FlashRestock.Restocked.class, r -> {
            assertThat(r.until()).isEqualTo(until);
            assertThat(r.tokens()).extracting(InsiderPasses.Pass::expiresAt).containsExactly(until);
        });
        assertThat(flash.restock(shop.inventory.read(Drops.DROP).orElseThrow(), "A", 2, 15, List.of()))
                .isEqualTo(new FlashRestock.WindowRunning("A", until));
    }

    @Test
    void theMerchantSearchesOrdersByStatusAndBuyer_andReadsTheKpis() {
        Shop shop = new Shop(Drops.at(NOW).sku("A", 5).build());
        shop.doors.checkout().checkout(command("key-ada-0001", "ada", "A", 2));
        shop.doors.checkout().checkout(command("key-bob-0001", "bob", "A", 1));
        DropOrders orders = new DropOrders(shop.inventory, new BuyerIds(KEY));

        assertThat(orders.orders(Drops.DROP, null, null)).hasSize(2);
        assertThat(orders.orders(Drops.DROP, "held", "ADA@example.com")).singleElement()
                .satisfies(row -> assertThat(row.buyerId()).isEqualTo(Shop.buyer("ada").value()));
        assertThat(orders.orders(Drops.DROP, OrderStatus.PAID.name(), null)).isEmpty();
        DropKpis kpis = new DropReport(shop.inventory, new KpiCalculator(0.015, 25), shop.clock)
                .kpis(shop.inventory.read(Drops.DROP).orElseThrow());
        assertThat(kpis.held()).isEqualTo(3);
        assertThat(kpis.available()).isEqualTo(2);
        assertThat(new ReconcileDrop(shop.inventory, shop.inventory).reconcile(Drops.DROP))
                .isEqualTo(new ReconcileDrop.Books(Drops.DROP, NOW, List.of()));
    }

    private static InsiderPasses passes(Shop shop) {
        return new InsiderPasses(shop.inventory, new BuyerIds(KEY), new AccessTokens(KEY), shop.clock);
    }
}
