package dev.microdrop.core.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.audience.AudienceMember;
import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.core.events.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who a drop's news is for, by hub and interest: no I/O, each case a member and a drop. */
class DropAudienceTest {

    private static final Instant T0 = Instant.parse("2026-12-01T18:00:00Z");

    @Test
    void aDropThatNamesNoInterests_isToldAsBefore_itsHubsMembers_thoseWithoutAHub_everyoneWhenItShips() {
        DomainEvent.DropPublished atKreuzberg = drop(List.of("kreuzberg"), List.of());
        DomainEvent.DropPublished ships = drop(List.of(), List.of());

        assertThat(DropAudience.chosen(member("kreuzberg"), atKreuzberg)).isTrue();
        assertThat(DropAudience.chosen(member(null), atKreuzberg)).isTrue();
        assertThat(DropAudience.chosen(member(null, "running"), atKreuzberg)).as("interests choose nothing here").isTrue();
        assertThat(DropAudience.chosen(member("hamburg"), atKreuzberg)).isFalse();
        assertThat(DropAudience.chosen(member("hamburg", "running"), atKreuzberg)).isFalse();
        assertThat(DropAudience.chosen(member("hamburg"), ships)).isTrue();
        assertThat(DropAudience.chosen(member("hamburg", "denim"), ships)).isTrue();
    }

    @Test
    void aDropThatNamesInterests_isToldItsHubsMembers_orItsInterestsMembers_orThoseWhoNamedNothing() {
        DomainEvent.DropPublished running = drop(List.of("kreuzberg"), List.of("running", "sneakers"));

        assertThat(DropAudience.chosen(member("kreuzberg", "denim"), running)).as("at their hub").isTrue();
        assertThat(DropAudience.chosen(member("hamburg", "running"), running)).as("of their interests").isTrue();
        assertThat(DropAudience.chosen(member(null, "sneakers", "denim"), running)).as("one interest is enough")
                .isTrue();
        assertThat(DropAudience.chosen(member(null), running)).as("named nothing: every drop").isTrue();
        assertThat(DropAudience.chosen(member("kreuzberg"), running)).isTrue();
        assertThat(DropAudience.chosen(member(null, "denim"), running)).as("no hub, other interests").isFalse();
        assertThat(DropAudience.chosen(member("hamburg"), running)).as("another hub, no interests").isFalse();
        assertThat(DropAudience.chosen(member("hamburg", "denim"), running)).isFalse();
    }

    @Test
    void aShippingDropThatNamesInterests_isToldItsInterestsMembers_andThoseWhoNamedNoInterests() {
        DomainEvent.DropPublished ships = drop(List.of(), List.of("running"));

        assertThat(DropAudience.chosen(member("hamburg", "running"), ships)).isTrue();
        assertThat(DropAudience.chosen(member("hamburg"), ships)).as("it ships to their hub too").isTrue();
        assertThat(DropAudience.chosen(member(null), ships)).isTrue();
        assertThat(DropAudience.chosen(member("hamburg", "denim"), ships)).isFalse();
        assertThat(DropAudience.chosen(member(null, "denim"), ships)).isFalse();
    }

    private static DomainEvent.DropPublished drop(List<String> hubs, List<String> interests) {
        return new DomainEvent.DropPublished("evt_d_DropPublished_1", T0, "d", "Drop", null, T0.plusSeconds(3600),
                T0.plusSeconds(7200), 10, hubs, null, List.of(), interests);
    }

    private static AudienceMember member(String hub, String... interests) {
        return AudienceMember.pending(new BuyerId("b_" + "0".repeat(32)), "m@example.com", "v1", T0,
                Set.of(interests), hub).confirmed(T0);
    }
}
