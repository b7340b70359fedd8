package dev.microdrop.core.testing;

import dev.microdrop.core.buyer.EmailAddress;
import dev.microdrop.core.notification.Suppressions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The {@link Suppressions} port in memory, by canonical address. */
public final class InMemorySuppressions implements Suppressions {

    private final Map<String, String> suppressed = new HashMap<>();

    @Override
    public synchronized Optional<String> reason(String recipient) {
        return Optional.ofNullable(suppressed.get(EmailAddress.canonical(recipient).orElse(recipient)));
    }

    @Override
    public synchronized void suppress(String recipient, String reason) {
        suppressed.put(EmailAddress.canonical(recipient).orElse(recipient), reason);
    }
}
