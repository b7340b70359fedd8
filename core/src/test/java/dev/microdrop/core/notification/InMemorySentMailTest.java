package dev.microdrop.core.notification;

import dev.microdrop.core.testing.InMemorySentMail;
import java.util.Optional;

/** The sent-mail contract, in memory. */
class InMemorySentMailTest extends SentMailContract {

    private final InMemorySentMail sentMail = new InMemorySentMail();

    @Override
    protected SentMail sentMail() {
        return sentMail;
    }

    @Override
    protected Optional<SentMail.SendRecord> find(String sendKey) {
        return sentMail.find(sendKey);
    }
}
