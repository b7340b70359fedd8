package dev.microdrop.core.audience;

import dev.microdrop.core.buyer.EmailAddress;
import dev.microdrop.core.notification.Consents;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The notifier's {@link Consents}, from the audience: a subscribed member has agreed to marketing mail, and the
 * consent carries their one-click unsubscribe link. Pending (not confirmed yet), unsubscribed and erased members,
 * and addresses not in the audience, have no consent, so no marketing mail goes to them.
 */
public final class AudienceConsents implements Consents {

    private final Audience audience;
    private final Supplier<URI> unsubscribeBase;

    public AudienceConsents(Audience audience, URI unsubscribeBase) {
        this(audience, () -> unsubscribeBase);
    }

    /** @param unsubscribeBase the one-click endpoint, asked for when a consent is (it may be read when first needed) */
    public AudienceConsents(Audience audience, Supplier<URI> unsubscribeBase) {
        this.audience = audience;
        this.unsubscribeBase = unsubscribeBase;
    }

    @Override
    public Optional<Consent> consentOf(String recipient) {
        return EmailAddress.canonical(recipient)
                .flatMap(address -> audience.member(audience.ids().of(address)))
                .filter(member -> member.state() == MemberState.SUBSCRIBED)
                .map(member -> new Consent(audience.unsubscribeUrl(member.buyerId(), unsubscribeBase.get())));
    }
}
