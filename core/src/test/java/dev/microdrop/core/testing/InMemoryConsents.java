package dev.microdrop.core.testing;

import dev.microdrop.core.buyer.EmailAddress;
import dev.microdrop.core.notification.Consents;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The {@link Consents} port in memory: who agreed to marketing mail, and their unsubscribe link. */
public final class InMemoryConsents implements Consents {

    private final Map<String, Consent> consents = new HashMap<>();

    @Override
    public synchronized Optional<Consent> consentOf(String recipient) {
        return Optional.ofNullable(consents.get(EmailAddress.canonical(recipient).orElse(recipient)));
    }

    public synchronized void consent(String recipient, URI unsubscribe) {
        consents.put(EmailAddress.canonical(recipient).orElseThrow(), new Consent(unsubscribe));
    }
}
