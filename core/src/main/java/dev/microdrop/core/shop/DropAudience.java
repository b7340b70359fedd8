package dev.microdrop.core.shop;

import dev.microdrop.core.audience.AudienceMember;
import dev.microdrop.core.events.DomainEvent;
import java.util.Collections;

/**
 * Which members of the audience a drop's news is for: the "opens soon" mail and the restock alerts ask the same.
 * A member is told when the drop is at their hub, or is for one of their interests, or when neither what they named
 * rules it out:
 *
 * <ul>
 *   <li>where: they named no hub, or the drop has none (it ships);</li>
 *   <li>what: they named no interests, or the drop names none.</li>
 * </ul>
 *
 * So a drop that names no interests is told as before interests chose anything (its hubs' members, those who named
 * no hub, everyone for a drop that ships); a member who named neither a hub nor an interest hears of every drop; and
 * a member who named interests but no hub hears of the drops of those interests, and of the drops that name none.
 */
final class DropAudience {

    private DropAudience() {
    }

    static boolean chosen(AudienceMember member, DomainEvent.DropPublished drop) {
        boolean atTheirHub = member.homeHubId() != null && drop.hubIds().contains(member.homeHubId());
        boolean ofTheirInterests = !Collections.disjoint(member.interests(), drop.interests());
        boolean anywhere = member.homeHubId() == null || drop.hubIds().isEmpty();
        boolean anything = member.interests().isEmpty() || drop.interests().isEmpty();
        return atTheirHub || ofTheirInterests || (anywhere && anything);
    }
}
