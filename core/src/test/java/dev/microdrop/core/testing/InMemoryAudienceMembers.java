package dev.microdrop.core.testing;

import dev.microdrop.core.audience.AudienceMember;
import dev.microdrop.core.audience.AudienceMembers;
import dev.microdrop.core.audience.MemberState;
import dev.microdrop.core.buyer.BuyerId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link AudienceMembers} port in memory: one member per buyer id, each change conditional on the state. */
public final class InMemoryAudienceMembers implements AudienceMembers {

    private final Map<BuyerId, AudienceMember> members = new HashMap<>();

    @Override
    public synchronized Optional<AudienceMember> putIfAbsent(AudienceMember member) {
        return Optional.ofNullable(members.putIfAbsent(member.buyerId(), member));
    }

    @Override
    public synchronized boolean transition(AudienceMember next, MemberState from) {
        AudienceMember current = members.get(next.buyerId());
        if (current == null || current.state() != from) {
            return false;
        }
        members.put(next.buyerId(), next);
        return true;
    }

    @Override
    public synchronized List<AudienceMember> subscribed() {
        return members.values().stream().filter(m -> m.state() == MemberState.SUBSCRIBED)
                .sorted(java.util.Comparator.comparing(m -> m.buyerId().value())).toList();
    }

    @Override
    public synchronized List<AudienceMember> subscribed(BuyerId after, BuyerId until, int limit) {
        return subscribed().stream()
                .filter(m -> after == null || m.buyerId().value().compareTo(after.value()) > 0)
                .filter(m -> until == null || m.buyerId().value().compareTo(until.value()) <= 0)
                .limit(limit).toList();
    }

    @Override
    public synchronized Optional<AudienceMember> find(BuyerId buyerId) {
        return Optional.ofNullable(members.get(buyerId));
    }

    @Override
    public synchronized Optional<AudienceMember> erase(BuyerId buyerId, Instant at) {
        AudienceMember current = members.get(buyerId);
        if (current == null || current.state() == MemberState.ERASED) {
            return Optional.empty();
        }
        members.put(buyerId, AudienceMember.erased(buyerId, at));
        return Optional.of(current);
    }
}
