package dev.microdrop.core.notification;

/** Port out: addresses that must get no mail at all, transactional included: hard bounces and complaints. */
public interface Suppressions {

    boolean suppressed(String recipient);

    /** Records a bounce or a complaint; later mails to the address are refused. */
    void suppress(String recipient, String reason);
}
