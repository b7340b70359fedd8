package dev.microdrop.core.testing;

import dev.microdrop.core.notification.MailSender;
import dev.microdrop.core.notification.RenderedMail;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A {@link MailSender} that keeps what it was handed; it can be told to fail (a mail service that is down). */
public final class RecordingMailSender implements MailSender {

    private final List<RenderedMail> sent = new ArrayList<>();
    private Predicate<RenderedMail> failing = mail -> false;

    @Override
    public synchronized String send(RenderedMail mail) {
        if (failing.test(mail)) {
            throw new IllegalStateException("the mail service refused the message");
        }
        sent.add(mail);
        return "msg-" + sent.size();
    }

    public synchronized void failWhen(Predicate<RenderedMail> condition) {
        failing = condition;
    }

    public synchronized List<RenderedMail> sent() {
        return List.copyOf(sent);
    }
}
