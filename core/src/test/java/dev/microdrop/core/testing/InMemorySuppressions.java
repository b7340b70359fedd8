package dev.microdrop.core.testing;

import dev.microdrop.core.buyer.EmailAddress;
import dev.microdrop.core.notification.Suppressions;
import java.util.HashSet;
import java.util.Set;

/** The {@link Suppressions} port in memory, by canonical address. */
public final class InMemorySuppressions implements Suppressions {

    private final Set<String> suppressed = new HashSet<>();

    @Override
    public synchronized boolean suppressed(String recipient) {
        return suppressed.contains(EmailAddress.canonical(recipient).orElse(recipient));
    }

    @Override
    public synchronized void suppress(String recipient, String reason) {
        suppressed.add(EmailAddress.canonical(recipient).orElse(recipient));
    }
}
