package dev.microdrop.core.audience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerId;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link AudienceMembers} promises: a member is created once, changes state only from
 * the state the change expects, reads back whole, and is erased to a tombstone once. Run against the in-memory twin
 * and {@code DynamoDbAudienceMembers} on DynamoDB Local.
 */
public abstract class AudienceMembersContract {

    private static final Instant AT = Instant.parse("2026-12-02T18:00:00Z");
    protected static final BuyerId ADA = new BuyerId("b_" + "a".repeat(32));
    protected static final BuyerId GRACE = new BuyerId("b_" + "b".repeat(32));

    protected abstract AudienceMembers members();

    protected static AudienceMember pendingAda() {
        return AudienceMember.pending(ADA, "ada@example.com", "2026-11", AT, Set.of("sneakers", "limited-run"), "north");
    }

    @Test
    void putIfAbsent_whenNone_thenStoredWhole_andASecondPutChangesNothingAndReturnsTheFirst() {
        AudienceMembers members = members();

        assertThat(members.putIfAbsent(pendingAda())).isEmpty();
        AudienceMember other = AudienceMember.pending(ADA, "ada@example.com", "2026-12", AT.plusSeconds(60), Set.of(), null);

        assertThat(members.putIfAbsent(other)).contains(pendingAda());
        assertThat(members.find(ADA)).contains(pendingAda());
        assertThat(members.find(GRACE)).isEmpty();
    }

    @Test
    void transition_fromTheExpectedState_thenReplaced_otherwiseRefusedAndUnchanged() {
        AudienceMembers members = members();
        members.putIfAbsent(pendingAda());
        AudienceMember confirmed = pendingAda().confirmed(AT.plusSeconds(30));

        assertThat(members.transition(confirmed.unsubscribed(AT.plusSeconds(40)), MemberState.SUBSCRIBED))
                .as("not subscribed yet").isFalse();
        assertThat(members.find(ADA)).contains(pendingAda());
        assertThat(members.transition(confirmed, MemberState.PENDING)).isTrue();
        assertThat(members.transition(confirmed, MemberState.PENDING)).as("the same change twice").isFalse();
        assertThat(members.find(ADA)).contains(confirmed);
        assertThat(members.find(ADA).orElseThrow().confirmedAt()).isEqualTo(AT.plusSeconds(30));
    }

    @Test
    void subscribed_listsOnlyTheSubscribed_andForgetsWhoUnsubscribedOrWasErased() {
        AudienceMembers members = members();
        members.putIfAbsent(pendingAda());
        AudienceMember grace = AudienceMember.pending(GRACE, "grace@example.com", "2026-11", AT, Set.of(), "south");
        members.putIfAbsent(grace);
        assertThat(members.subscribed()).as("pending members get no marketing mail").isEmpty();

        AudienceMember ada = pendingAda().confirmed(AT.plusSeconds(30));
        members.transition(ada, MemberState.PENDING);
        members.transition(grace.confirmed(AT.plusSeconds(31)), MemberState.PENDING);
        assertThat(members.subscribed()).containsExactlyInAnyOrder(ada, grace.confirmed(AT.plusSeconds(31)));

        members.transition(ada.unsubscribed(AT.plusSeconds(40)), MemberState.SUBSCRIBED);
        members.erase(GRACE, AT.plusSeconds(50));
        assertThat(members.subscribed()).isEmpty();
    }

    @Test
    void subscribedPages_fromACursorToAnother_inBuyerIdOrder_coverEachSubscribedMemberOnce() {
        AudienceMembers members = members();
        java.util.List<BuyerId> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            BuyerId id = new BuyerId("b_" + Integer.toHexString(i + 1).repeat(32));
            ids.add(id);
            members.putIfAbsent(AudienceMember.pending(id, "m" + i + "@example.com", "v1", AT, Set.of(), null));
            if (i != 3) {
                members.transition(AudienceMember.pending(id, "m" + i + "@example.com", "v1", AT, Set.of(), null)
                        .confirmed(AT.plusSeconds(1)), MemberState.PENDING);
            }
        }

        java.util.List<AudienceMember> first = members.subscribed(null, null, 3);
        assertThat(first).extracting(AudienceMember::buyerId).containsExactly(ids.get(0), ids.get(1), ids.get(2));
        java.util.List<AudienceMember> second = members.subscribed(ids.get(2), null, 3);
        assertThat(second).as("the pending member is no one's").extracting(AudienceMember::buyerId)
                .containsExactly(ids.get(4), ids.get(5), ids.get(6));
        assertThat(members.subscribed(ids.get(6), null, 3)).isEmpty();
        assertThat(members.subscribed(ids.get(0), ids.get(5), 100)).as("after one, up to another")
                .extracting(AudienceMember::buyerId).containsExactly(ids.get(1), ids.get(2), ids.get(4), ids.get(5));
        assertThat(members.subscribed(null, null, 100)).isEqualTo(members.subscribed());
    }

    @Test
    void transition_whenNoMember_thenRefusedAndNothingCreated() {
        AudienceMembers members = members();

        assertThat(members.transition(pendingAda().confirmed(AT), MemberState.PENDING)).isFalse();
        assertThat(members.find(ADA)).isEmpty();
    }

    @Test
    void find_readsEveryAttributeBack_andAMemberWithoutInterestsOrHub() {
        AudienceMembers members = members();
        AudienceMember bare = AudienceMember.pending(GRACE, "grace@example.com", "v1", AT, Set.of(), null);
        members.putIfAbsent(bare);
        members.putIfAbsent(pendingAda());
        AudienceMember unsubscribed = pendingAda().confirmed(AT.plusSeconds(1)).unsubscribed(AT.plusSeconds(2));
        members.transition(pendingAda().confirmed(AT.plusSeconds(1)), MemberState.PENDING);
        members.transition(unsubscribed, MemberState.SUBSCRIBED);

        assertThat(members.find(GRACE)).contains(bare);
        assertThat(members.find(ADA)).hasValueSatisfying(m -> {
            assertThat(m).isEqualTo(unsubscribed);
            assertThat(m.interests()).containsExactly("limited-run", "sneakers");
            assertThat(m.homeHubId()).isEqualTo("north");
        });
    }

    @Test
    void erase_leavesATombstoneWithOnlyTheTime_returnsWhatWasThere_andOnlyOnce() {
        AudienceMembers members = members();
        members.putIfAbsent(pendingAda());

        assertThat(members.erase(ADA, AT.plusSeconds(10))).contains(pendingAda());
        assertThat(members.erase(ADA, AT.plusSeconds(20))).as("erased already").isEmpty();
        assertThat(members.erase(GRACE, AT)).as("no member").isEmpty();

        assertThat(members.find(ADA)).contains(AudienceMember.erased(ADA, AT.plusSeconds(10)));
        assertThat(members.find(GRACE)).isEmpty();
        assertThat(members.putIfAbsent(pendingAda())).as("the tombstone stands in the way of a silent re-add")
                .contains(AudienceMember.erased(ADA, AT.plusSeconds(10)));
        assertThat(members.transition(pendingAda().confirmed(AT), MemberState.PENDING)).isFalse();
    }
}
