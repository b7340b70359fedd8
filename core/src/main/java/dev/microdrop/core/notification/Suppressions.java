package dev.microdrop.core.notification;

import java.util.List;
import java.util.Optional;

/**
 * Port out: addresses the mail service told us to stop mailing, and why: a hard bounce (the address does not exist:
 * no mail at all, transactional included) or a complaint (the person marked a mail as spam: no more marketing; their
 * receipts, pickup codes and privacy links still go, since they asked for those by buying or asking).
 */
public interface Suppressions {

    /** Why a complaint was recorded; a suppression with it stops marketing mail only. */
    String COMPLAINT = "complaint";

    /** The reason recorded for the address ({@code bounce}, {@code complaint}...), if it is suppressed. */
    Optional<String> reason(String recipient);

    /** Records a bounce or a complaint; later mails to the address are refused as {@link #blocks} says. */
    void suppress(String recipient, String reason);

    /** Suppressed for any mail (a bounce), or for marketing (any reason). */
    default boolean suppressed(String recipient) {
        return reason(recipient).isPresent();
    }

    /** Whether a suppression with {@code reason} stops a mail: a complaint stops marketing only, the rest stop all. */
    static boolean blocks(Optional<String> reason, boolean marketing) {
        return reason.isPresent() && (marketing || !reason.get().equals(COMPLAINT));
    }

    /**
     * Suppressed in {@code own} or in any of {@code others} (a drop's, and its shop's where the mail service's bounces
     * and complaints are recorded), the strongest reason winning (a bounce over a complaint); recorded in {@code own}.
     */
    static Suppressions anyOf(Suppressions own, List<Suppressions> others) {
        return new Suppressions() {
            @Override
            public Optional<String> reason(String recipient) {
                List<String> reasons = new java.util.ArrayList<>();
                own.reason(recipient).ifPresent(reasons::add);
                others.forEach(s -> s.reason(recipient).ifPresent(reasons::add));
                return reasons.stream().filter(r -> !r.equals(COMPLAINT)).findFirst()
                        .or(() -> reasons.stream().findFirst());
            }

            @Override
            public void suppress(String recipient, String reason) {
                own.suppress(recipient, reason);
            }
        };
    }
}
