package dev.microdrop.infrastructure.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.notification.NotificationKind;
import dev.microdrop.core.notification.SentMail;
import dev.microdrop.core.notification.SentMailContract;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sent-mail contract, against {@link DynamoDbSentMail} on DynamoDB Local; and what its item holds. */
class DynamoDbSentMailContractIntegrationTest extends SentMailContract {

    private final String table = LocalDynamoDb.newTable();
    private final DynamoDbSentMail sentMail = new DynamoDbSentMail(LocalDynamoDb.client(), table);

    @Override
    protected SentMail sentMail() {
        return sentMail;
    }

    @Override
    protected Optional<SentMail.SendRecord> find(String sendKey) {
        return sentMail.find(sendKey);
    }

    @Test
    void item_isKeyedByTheSendKey_andExpires() {
        Instant now = Instant.parse("2026-12-02T18:00:00Z");
        sentMail.claim("c".repeat(64), NotificationKind.PICKUP_READY, now, now.minusSeconds(120));

        assertThat(LocalDynamoDb.scan(table)).singleElement().satisfies(item -> {
            assertThat(item.get("pk").s()).isEqualTo("MAIL#" + "c".repeat(64));
            assertThat(item.get("sk").s()).isEqualTo("SENT");
            assertThat(item.get("state").s()).isEqualTo("sending");
            assertThat(item.get("kind").s()).isEqualTo("PICKUP_READY");
            assertThat(Long.parseLong(item.get("expiresAt").n())).isEqualTo(now.plus(DynamoDbSentMail.RETENTION).getEpochSecond());
            assertThat(item.keySet()).containsExactlyInAnyOrder("pk", "sk", "type", "kind", "state", "claimedAt",
                    "claimedAtMs", "attempts", "expiresAt");
        });
    }
}
