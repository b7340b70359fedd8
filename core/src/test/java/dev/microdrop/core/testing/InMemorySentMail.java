package dev.microdrop.core.testing;

import dev.microdrop.core.notification.NotificationKind;
import dev.microdrop.core.notification.SentMail;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link SentMail} port in memory: the same claim rule as {@code DynamoDbSentMail}'s condition. {@code
 * SentMailContract} runs the same cases against both.
 */
public final class InMemorySentMail implements SentMail {

    private final Map<String, SendRecord> records = new LinkedHashMap<>();

    @Override
    public synchronized Claim claim(String sendKey, NotificationKind kind, Instant now, Instant staleBefore) {
        SendRecord existing = records.get(sendKey);
        if (existing != null && !(existing.state() == State.SENDING && !existing.claimedAt().isAfter(staleBefore))) {
            return new Refused(existing);
        }
        SendRecord claimed = new SendRecord(sendKey, kind, State.SENDING, now,
                existing == null ? 1 : existing.attempts() + 1, null);
        records.put(sendKey, claimed);
        return new Claimed(claimed);
    }

    @Override
    public synchronized void markSent(String sendKey, Instant sentAt) {
        SendRecord r = records.get(sendKey);
        if (r == null) {
            throw new IllegalStateException("no claim to mark sent");
        }
        records.put(sendKey, new SendRecord(sendKey, r.kind(), State.SENT, r.claimedAt(), r.attempts(), sentAt));
    }

    @Override
    public synchronized void release(String sendKey, Instant claimedAt) {
        SendRecord r = records.get(sendKey);
        if (r != null && r.state() == State.SENDING && r.claimedAt().equals(claimedAt)) {
            records.remove(sendKey);
        }
    }

    public synchronized Optional<SendRecord> find(String sendKey) {
        return Optional.ofNullable(records.get(sendKey));
    }

    public synchronized Map<String, SendRecord> records() {
        return Map.copyOf(records);
    }
}
