package dev.microdrop.core.notification;

import java.net.URI;
import java.util.Optional;

/**
 * Port out: who agreed to marketing mail. The shop's audience will implement it; until then {@link #none()}: nobody
 * has, so no marketing mail leaves. Transactional mail never asks.
 */
public interface Consents {

    /** The recipient's consent to marketing mail, with the one-click link that withdraws it; empty without one. */
    Optional<Consent> consentOf(String recipient);

    record Consent(URI unsubscribe) {
    }

    static Consents none() {
        return recipient -> Optional.empty();
    }
}
