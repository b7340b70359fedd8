package dev.microdrop.core.shop;

import dev.microdrop.core.audience.AudienceMember;
import dev.microdrop.core.audience.AudienceMembers;
import dev.microdrop.core.checkout.AccessTokens;
import dev.microdrop.core.events.DomainEvent;
import dev.microdrop.core.notification.Notification;
import dev.microdrop.core.notification.NotificationKind;
import dev.microdrop.core.notification.Notifier;
import dev.microdrop.core.notification.Pacing;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "A drop opens soon": when a drop is published before its first sale, every subscribed member of the audience the drop
 * is for ({@link DropAudience}: its hubs' members, its interests' members, those whose choices do not rule it out) is
 * told once, with the storefront's link and the opening; when the drop has an {@code audience} layer of early
 * access, the mail carries the member's pass into it. Marketing: consent and the one-click unsubscribe
 * (the {@link Notifier}); a member told already (a loyalty pass for the drop is the better news) is skipped.
 */
public final class DropAnnouncements {

    public static final Set<NotificationKind> KINDS = Set.of(NotificationKind.DROP_OPENS_SOON);


    private final ShopRecords records;
    private final AudienceMembers members;
    private final Notifier notifier;
    private final Pacing pacing;
    private final URI storefront;
    private final Clock clock;

    /** The layer the audience's passes open, when the drop has it. */
    static final String AUDIENCE = "audience";

    private final AccessTokens tokens;

    public DropAnnouncements(ShopRecords records, AudienceMembers members, AccessTokens tokens, Notifier notifier,
            Pacing pacing, URI storefront, Clock clock) {
        this.tokens = tokens;
        this.records = records;
        this.members = members;
        this.notifier = notifier;
        this.pacing = pacing;
        this.storefront = storefront;
        this.clock = clock;
    }

    /** Tells the drop's audience; {@code NoEarlyWindow} when its first sale has begun (the news is old). */
    public LoyaltyPasses.Outcome dropPublished(DomainEvent.DropPublished drop) {
        return dropPublished(drop, members.subscribed());
    }

    /** Tells these members of the audience (a page of a fan-out, {@link AnnouncementPages}) as above. */
    public LoyaltyPasses.Outcome dropPublished(DomainEvent.DropPublished drop, List<AudienceMember> page) {
        Instant now = clock.instant();
        if (!now.isBefore(drop.firstSaleAt())) {
            return new LoyaltyPasses.NoEarlyWindow();
        }
        List<AudienceMember> audience = page.stream().filter(m -> DropAudience.chosen(m, drop)).toList();
        return new Announcer(records, notifier, pacing, true).tell(drop, audience, member -> mail(drop, member), now);
    }

    private Notification mail(DomainEvent.DropPublished drop, AudienceMember member) {
        Map<String, Object> model = new HashMap<>();
        model.put("dropName", drop.name());
        model.put("opensAt", DropLinks.when(drop.opensAt()));
        model.put("link", DropLinks.link(drop, storefront, null));
        // With an audience layer, the news carries the member's pass into it; without, false hides that part.
        model.put("audienceAccess", drop.layerOpensAt(AUDIENCE).<Object>map(opens -> Map.of(
                "opensAt", DropLinks.when(opens),
                "link", DropLinks.link(drop, storefront, tokens.issue(drop.dropId(), member.buyerId(), drop.opensAt(),
                        AUDIENCE))))
                .orElse(false));
        if (member.homeHubId() != null && drop.hubIds().contains(member.homeHubId())) {
            model.put("hubId", member.homeHubId());
        }
        return Notification.marketing(NotificationKind.DROP_OPENS_SOON, member.email(),
                "Opening " + DropLinks.day(drop.opensAt()) + ": " + drop.name(), model);
    }
}
