package dev.microdrop.core.notification;

/** Port out: addresses that must get no mail at all, transactional included: hard bounces and complaints. */
public interface Suppressions {

    boolean suppressed(String recipient);

    /** Records a bounce or a complaint; later mails to the address are refused. */
    void suppress(String recipient, String reason);

    /**
     * Suppressed in {@code own} or in any of {@code others} (a drop's, and its shop's where the mail service's bounces
     * and complaints are recorded); a suppression is recorded in {@code own}.
     */
    static Suppressions anyOf(Suppressions own, java.util.List<Suppressions> others) {
        return new Suppressions() {
            @Override
            public boolean suppressed(String recipient) {
                return own.suppressed(recipient) || others.stream().anyMatch(s -> s.suppressed(recipient));
            }

            @Override
            public void suppress(String recipient, String reason) {
                own.suppress(recipient, reason);
            }
        };
    }
}
