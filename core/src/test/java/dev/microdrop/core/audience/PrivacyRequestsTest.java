package dev.microdrop.core.audience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.audience.LinkTokens.Purpose;
import dev.microdrop.core.audience.LinkTokens.Refusal;
import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.Violation;
import dev.microdrop.core.order.Fulfilment;
import dev.microdrop.core.order.Order;
import dev.microdrop.core.testing.Drops;
import dev.microdrop.core.testing.InMemoryAudienceMembers;
import dev.microdrop.core.testing.InMemoryBuyerRecords;
import dev.microdrop.core.testing.InMemoryFulfilmentRecords;
import dev.microdrop.core.testing.Shop;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Privacy requests over the in-memory audience and one in-memory drop table: a link for any address, the export and
 * the erasure through it, and the books after.
 */
class PrivacyRequestsTest {

    private static final Instant T0 = Shop.NOW;
    private static final byte[] LINK_KEY = "privacy-test-link-key-0123456789".getBytes(StandardCharsets.UTF_8);

    private final Shop shop = new Shop(Drops.at(T0).sku("A", 10).sku("B", 0).build());
    private final InMemoryAudienceMembers members = new InMemoryAudienceMembers();
    private final LinkTokens tokens = new LinkTokens(LINK_KEY);
    private final Audience audience = new Audience(members, new BuyerIds(Shop.KEY), tokens, Duration.ofDays(7));
    private final InMemoryFulfilmentRecords tasks = new InMemoryFulfilmentRecords();
    private final InMemoryBuyerRecords table = new InMemoryBuyerRecords("microdrop-local", shop.inventory.withWaitlist(
            shop.waitlist), shop.waitlist, tasks);
    private final PrivacyRequests privacy = new PrivacyRequests(audience, tokens, List.of(table), List.of(table),
            PrivacyRequests.DEFAULT_LINK_WINDOW);

    private String link(String email, String request) {
        return ((PrivacyRequestOutcome.MailLink) privacy.request(email, request, T0)).token();
    }

    /** Ada signed up and confirmed, bought one shipped order, and waits for B. */
    private Order adasHistory() {
        SignUpOutcome.Pending pending = (SignUpOutcome.Pending) audience.signUp("ada@example.com", "2026-11",
                Set.of("sneakers"), null, T0);
        audience.confirm(pending.confirmToken(), T0);
        shop.doors.checkout().checkout(Shop.command("key-ada-0001", "ada", "A", 2));
        shop.doors.waitlist().joinWaitlist(Shop.command("key-ada-0002", "ada", "B", 1));
        return shop.inventory.ordersOf(Shop.buyer("ada")).getFirst();
    }

    @Test
    void request_thenALinkForTheAddress_expiringInADay_theSameForAStrangerAsForAMember() {
        adasHistory();

        PrivacyRequestOutcome member = privacy.request(" Ada@Example.com ", "export", T0);
        PrivacyRequestOutcome stranger = privacy.request("nobody@example.com", "erase", T0);

        assertThat(member).isInstanceOfSatisfying(PrivacyRequestOutcome.MailLink.class, link -> {
            assertThat(link.address()).isEqualTo("ada@example.com");
            assertThat(link.request()).isEqualTo(PrivacyRequests.Request.EXPORT);
            assertThat(link.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
            assertThat(tokens.verify(link.token(), Purpose.EXPORT, T0)).isEqualTo(new LinkTokens.Valid(Shop.buyer("ada")));
            assertThat(link.toString()).doesNotContain(link.token()).doesNotContain("ada");
        });
        assertThat(stranger).isInstanceOfSatisfying(PrivacyRequestOutcome.MailLink.class, link -> {
            assertThat(link.address()).isEqualTo("nobody@example.com");
            assertThat(tokens.verify(link.token(), Purpose.ERASE, T0)).isInstanceOf(LinkTokens.Valid.class);
        });
    }

    @Test
    void request_invalid_thenEveryViolationNamed_andNoLink() {
        assertThat(privacy.request("not an address", "delete", T0)).isEqualTo(new PrivacyRequestOutcome.Invalid(List.of(
                new Violation("/email", "must be an e-mail address"),
                new Violation("/request", "must be \"export\" or \"erase\""))));
        assertThat(privacy.request(null, null, T0)).isInstanceOf(PrivacyRequestOutcome.Invalid.class);
    }

    @Test
    void export_thenTheMemberAndTheDropsRecords_andNothingWritten() {
        Order order = adasHistory();

        PrivacyOutcome outcome = privacy.export(link("ada@example.com", "export"), T0.plusSeconds(60));

        assertThat(outcome).isInstanceOfSatisfying(PrivacyOutcome.Exported.class, exported -> {
            assertThat(exported.export().member()).hasValueSatisfying(m -> {
                assertThat(m.email()).isEqualTo("ada@example.com");
                assertThat(m.state()).isEqualTo(MemberState.SUBSCRIBED);
            });
            assertThat(exported.export().stores()).singleElement().satisfies(kept -> {
                assertThat(kept.store()).isEqualTo("microdrop-local");
                assertThat(kept.orders()).containsExactly(order);
                assertThat(kept.waitlist()).extracting(p -> p.entry().sku()).containsExactly("B");
            });
        });
        assertThat(privacy.export(link("ada@example.com", "export"), T0)).isEqualTo(outcome);
    }

    @Test
    void export_ofAStranger_thenNothingKept() {
        assertThat(privacy.export(link("nobody@example.com", "export"), T0))
                .isEqualTo(new PrivacyOutcome.Exported(new BuyerExport(java.util.Optional.empty(), List.of())));
    }

    @Test
    void links_refused_whenForTheOtherRequest_expired_orForged_andNothingChanges() {
        Order order = adasHistory();
        String export = link("ada@example.com", "export");
        String erase = link("ada@example.com", "erase");

        assertThat(privacy.erase(export, T0)).isEqualTo(new PrivacyOutcome.TokenRefused(Refusal.WRONG_PURPOSE));
        assertThat(privacy.export(erase, T0)).isEqualTo(new PrivacyOutcome.TokenRefused(Refusal.WRONG_PURPOSE));
        assertThat(privacy.erase(erase, T0.plus(Duration.ofHours(24))))
                .isEqualTo(new PrivacyOutcome.TokenRefused(Refusal.EXPIRED));
        assertThat(privacy.erase(erase.substring(0, erase.length() - 2) + "xx", T0))
                .isEqualTo(new PrivacyOutcome.TokenRefused(Refusal.FORGED));
        assertThat(privacy.erase(audience.unsubscribeUrl(Shop.buyer("ada"), java.net.URI.create("https://x/u"))
                .getQuery().substring("token=".length()), T0)).isEqualTo(new PrivacyOutcome.TokenRefused(Refusal.WRONG_PURPOSE));
        assertThat(shop.inventory.find(order.orderId())).contains(order);
        assertThat(members.find(Shop.buyer("ada"))).hasValueSatisfying(m -> assertThat(m.email()).isNotNull());
    }

    @Test
    void erase_thenTheAudiencesTombstoneAndTheDropsRecordsErased_theBooksKept_andAgainNothingMore() {
        Order order = adasHistory();
        String erase = link("ada@example.com", "erase");

        PrivacyOutcome outcome = privacy.erase(erase, T0.plusSeconds(60));

        assertThat(outcome).isInstanceOfSatisfying(PrivacyOutcome.Erased.class, erased -> {
            assertThat(erased.audience()).isInstanceOf(ErasureOutcome.Erased.class);
            assertThat(erased.stores()).singleElement().satisfies(store -> {
                assertThat(store.recordsByKind().get(BuyerErasure.ORDERS)).isEqualTo(1);
                assertThat(store.recordsByKind().get(BuyerErasure.WAITLIST_PLACES)).isEqualTo(1);
            });
        });
        BuyerId ada = Shop.buyer("ada");
        assertThat(members.find(ada)).hasValueSatisfying(m -> assertThat(m.email()).isNull());
        Order erased = shop.inventory.find(order.orderId()).orElseThrow();
        assertThat(erased.buyerEmail()).isNull();
        assertThat(erased.fulfilment()).isEqualTo(new Fulfilment.Ship(((Fulfilment.Ship) Shop.SHIP).address().erased()));
        assertThat(erased.amount()).isEqualTo(order.amount());
        assertThat(erased.lines()).isEqualTo(order.lines());
        assertThat(shop.inventory.reconcile().drifts()).as("the books still balance").isEmpty();
        assertThat(privacy.export(link("ada@example.com", "export"), T0.plusSeconds(90)).toString())
                .doesNotContain("ada@example.com").doesNotContain("Ada Lovelace").doesNotContain("Invalidenstrasse");

        PrivacyOutcome again = privacy.erase(erase, T0.plusSeconds(120));

        assertThat(again).isInstanceOfSatisfying(PrivacyOutcome.Erased.class, erasedAgain -> {
            assertThat(erasedAgain.audience()).isEqualTo(new ErasureOutcome.AlreadyErased(T0.plusSeconds(60)));
            assertThat(erasedAgain.stores()).singleElement().satisfies(s -> assertThat(s.total()).isZero());
        });
    }
}
