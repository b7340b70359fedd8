package dev.microdrop.core.audience;

import dev.microdrop.core.buyer.BuyerId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port out: the shop's audience, one member per buyer id. Every change is one conditional write, so two clicks of
 * the same link, or a click racing an erasure, cannot both apply: the loser is told, and the use case reads again.
 */
public interface AudienceMembers {

    /** Stores {@code member} if no member has its buyer id; otherwise changes nothing and returns the one found. */
    Optional<AudienceMember> putIfAbsent(AudienceMember member);

    /**
     * Replaces the member with {@code next} only if the stored member is in state {@code from}; false (and nothing
     * changed) when it is not, or when there is no member.
     */
    boolean transition(AudienceMember next, MemberState from);

    /**
     * Every subscribed member (those marketing mail may go to), in buyer-id order; read from an index, so a member
     * who changed state a moment ago may still be listed (the notifier asks for the consent again before sending).
     */
    List<AudienceMember> subscribed();

    /**
     * A page of {@link #subscribed()}: the subscribed members whose buyer id comes after {@code after} (null: from the
     * first) and not after {@code until} (null: to the last), in buyer-id order, at most {@code limit}. The buyer id of
     * a page's last member is the cursor of the next page: what a fan-out splits the audience by.
     */
    List<AudienceMember> subscribed(BuyerId after, BuyerId until, int limit);

    /** The member, read consistently. */
    Optional<AudienceMember> find(BuyerId buyerId);

    /**
     * Replaces the member with the tombstone {@link AudienceMember#erased} and returns what was stored before,
     * whatever its state but {@code ERASED}. No member, or one erased already: nothing is written (an erasure's
     * time stays the first one), and empty comes back.
     */
    Optional<AudienceMember> erase(BuyerId buyerId, Instant at);
}
