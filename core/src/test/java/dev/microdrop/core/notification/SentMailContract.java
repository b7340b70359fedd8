package dev.microdrop.core.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.notification.SentMail.Claimed;
import dev.microdrop.core.notification.SentMail.Refused;
import dev.microdrop.core.notification.SentMail.SendRecord;
import dev.microdrop.core.notification.SentMail.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link SentMail} promises: a claim is made once, a sent mail stays sent, and a claim
 * older than the lease is taken over. Run against the in-memory twin and {@code DynamoDbSentMail} on DynamoDB Local.
 */
public abstract class SentMailContract {

    private static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final String KEY = "a".repeat(64);

    protected abstract SentMail sentMail();

    protected abstract Optional<SendRecord> find(String sendKey);

    private SentMail.Claim claimAt(SentMail sentMail, Instant at) {
        return sentMail.claim(KEY, NotificationKind.ORDER_RECEIPT, at, at.minus(LEASE));
    }

    @Test
    void claim_whenNoRecord_thenClaimedOnce_andASecondDeliveryIsRefused() {
        SentMail sentMail = sentMail();

        assertThat(claimAt(sentMail, NOW)).isInstanceOf(Claimed.class);
        SentMail.Claim second = claimAt(sentMail, NOW.plusSeconds(5));

        assertThat(second).isInstanceOfSatisfying(Refused.class, refused -> {
            assertThat(refused.existing().state()).isEqualTo(State.SENDING);
            assertThat(refused.existing().claimedAt()).isEqualTo(NOW);
        });
        assertThat(find(KEY)).hasValueSatisfying(r -> {
            assertThat(r.state()).isEqualTo(State.SENDING);
            assertThat(r.kind()).isEqualTo(NotificationKind.ORDER_RECEIPT);
            assertThat(r.attempts()).isEqualTo(1);
        });
        assertThat(sentMail.claim("b".repeat(64), NotificationKind.ORDER_RECEIPT, NOW, NOW.minus(LEASE)))
                .as("another mail").isInstanceOf(Claimed.class);
    }

    @Test
    void claim_whenSent_thenRefusedForever_evenAfterTheLease() {
        SentMail sentMail = sentMail();
        claimAt(sentMail, NOW);
        sentMail.markSent(KEY, NOW.plusSeconds(1));

        SentMail.Claim later = claimAt(sentMail, NOW.plus(Duration.ofDays(3)));

        assertThat(later).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.existing().state()).isEqualTo(State.SENT));
        assertThat(find(KEY)).hasValueSatisfying(r -> {
            assertThat(r.state()).isEqualTo(State.SENT);
            assertThat(r.sentAt()).isEqualTo(NOW.plusSeconds(1));
        });
    }

    @Test
    void claim_whenSendingOlderThanTheLease_thenTakenOver_andNotBefore() {
        SentMail sentMail = sentMail();
        claimAt(sentMail, NOW);

        assertThat(claimAt(sentMail, NOW.plus(LEASE).minusMillis(1))).as("within the lease").isInstanceOf(Refused.class);
        SentMail.Claim takeover = claimAt(sentMail, NOW.plus(LEASE));

        assertThat(takeover).isInstanceOfSatisfying(Claimed.class, claimed -> {
            assertThat(claimed.record().claimedAt()).isEqualTo(NOW.plus(LEASE));
            assertThat(claimed.record().attempts()).isEqualTo(2);
        });
        assertThat(find(KEY)).hasValueSatisfying(r -> assertThat(r.attempts()).isEqualTo(2));
    }

    @Test
    void release_withdrawsItsOwnClaimOnly() {
        SentMail sentMail = sentMail();
        claimAt(sentMail, NOW);
        claimAt(sentMail, NOW.plus(LEASE));

        sentMail.release(KEY, NOW);
        assertThat(find(KEY)).as("a claim taken over since stays").isPresent();

        sentMail.release(KEY, NOW.plus(LEASE));
        assertThat(find(KEY)).isEmpty();
        assertThat(claimAt(sentMail, NOW.plus(LEASE).plusSeconds(1))).isInstanceOf(Claimed.class);
    }
}
