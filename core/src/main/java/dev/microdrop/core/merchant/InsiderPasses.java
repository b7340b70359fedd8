package dev.microdrop.core.merchant;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.core.checkout.AccessTokens;
import dev.microdrop.core.drop.DropSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Insiders' access tokens ({@code .../insiders}, and with a flash restock): one per e-mail, for that buyer and the
 * drop, valid until the drop opens or the latest running flash window ends ({@link InsiderAccess#tokenWindow}). Who
 * got one is recorded by buyer id, so the KPIs count them as notified.
 */
public final class InsiderPasses {

    /** One buyer's token, to be sent to them. */
    public record Pass(String email, String token, Instant expiresAt) {
    }

    /** What asking for tokens came to. */
    public sealed interface Outcome {
    }

    public record Issued(List<Pass> passes) implements Outcome {
        public Issued {
            passes = List.copyOf(passes);
        }
    }

    /** The drop has no early access and no flash window runs: nothing to give a token for. */
    public record NoEarlyAccess() implements Outcome {
    }

    /** Early access ended at {@code endedAt} and no flash window runs; no token was issued. */
    public record Over(Instant endedAt, Instant now) implements Outcome {
    }

    private final MerchantViews views;
    private final BuyerIds buyerIds;
    private final AccessTokens accessTokens;
    private final Clock clock;

    public InsiderPasses(MerchantViews views, BuyerIds buyerIds, AccessTokens accessTokens, Clock clock) {
        this.views = views;
        this.buyerIds = buyerIds;
        this.accessTokens = accessTokens;
        this.clock = clock;
    }

    /** Why no token can be issued for the drop now, if so: asked before the e-mails are read. */
    public Optional<Outcome> refusal(DropSnapshot snapshot) {
        return refusal(InsiderAccess.tokenWindow(snapshot, clock.instant()), clock.instant());
    }

    private static Optional<Outcome> refusal(InsiderAccess.TokenWindow window, Instant now) {
        return switch (window) {
            case InsiderAccess.Until ignored -> Optional.empty();
            case InsiderAccess.NoEarlyAccess ignored -> Optional.of(new NoEarlyAccess());
            case InsiderAccess.Over over -> Optional.of(new Over(over.endedAt(), now));
        };
    }

    /** Tokens for {@code emails}, if the drop's early access or a flash window still lets insiders in. */
    public Outcome issue(DropSnapshot snapshot, List<String> emails) {
        Instant now = clock.instant();
        InsiderAccess.TokenWindow window = InsiderAccess.tokenWindow(snapshot, now);
        return window instanceof InsiderAccess.Until until
                ? new Issued(issue(snapshot.drop().dropId(), emails, until.until())) : refusal(window, now).orElseThrow();
    }

    /** One token per e-mail until {@code expiresAt}, recorded. */
    List<Pass> issue(String dropId, List<String> emails, Instant expiresAt) {
        views.recordInsiders(dropId, emails.stream().map(buyerIds::of).toList(), expiresAt, clock.instant());
        return emails.stream().map(email -> new Pass(email, accessTokens.issue(dropId, buyerIds.of(email), expiresAt),
                expiresAt)).toList();
    }
}
