package dev.microdrop.infrastructure.notification;

import dev.microdrop.core.notification.NotificationKind;
import dev.microdrop.core.notification.SentMail;
import dev.microdrop.infrastructure.dynamodb.Conditions;
import dev.microdrop.infrastructure.dynamodb.DropTable;
import dev.microdrop.infrastructure.dynamodb.TableKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Sent mail's idempotency records in the drop's table, one item per send key:
 *
 * <pre>
 * pk = MAIL#&lt;sendKey&gt;   sk = SENT   type = SentMail
 * kind, state (sending | sent), claimedAt (ISO), claimedAtMs (N), attempts (N), sentAt (ISO, once sent),
 * expiresAt (epoch seconds: claimedAt + 90 days)
 * </pre>
 *
 * No address and no subject: the send key is an HMAC of them. A claim is one conditional update ({@link
 * Conditions#MAIL_UNCLAIMED_OR_STALE}); its refusal returns the record in the way ({@code ALL_OLD}), whose facts
 * the core reads.
 */
public final class DynamoDbSentMail implements SentMail {

    /** Long enough that an event replayed from an archive within a quarter still finds its mail sent. */
    static final Duration RETENTION = Duration.ofDays(90);
    static final String SENDING = "sending";
    static final String SENT = "sent";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbSentMail(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Claim claim(String sendKey, NotificationKind kind, Instant now, Instant staleBefore) {
        try {
            // An update creates the item when there is none, and counts the attempts of a takeover.
            Map<String, AttributeValue> claimed = dynamoDb.updateItem(r -> r.tableName(table)
                    .key(TableKeys.sentMail(sendKey))
                    .updateExpression(CLAIM_UPDATE)
                    .conditionExpression(Conditions.MAIL_UNCLAIMED_OR_STALE)
                    .expressionAttributeNames(Map.of("#state", "state", "#type", "type", "#ttl", DropTable.TTL_ATTRIBUTE))
                    .expressionAttributeValues(Map.of(":sending", s(SENDING), ":staleBefore", n(staleBefore.toEpochMilli()),
                            ":type", s("SentMail"), ":kind", s(kind.name()), ":at", s(now.toString()),
                            ":atMs", n(now.toEpochMilli()), ":zero", n(0), ":one", n(1),
                            ":expires", n(now.plus(RETENTION).getEpochSecond())))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return new Claimed(record(claimed));
        } catch (ConditionalCheckFailedException refused) {
            if (!refused.hasItem() || refused.item().isEmpty()) {
                throw new IllegalStateException("the claim of mail " + sendKey + " was refused without a record", refused);
            }
            return new Refused(record(refused.item()));
        }
    }

    static final String CLAIM_UPDATE = "SET #type = :type, kind = :kind, #state = :sending, claimedAt = :at, "
            + "claimedAtMs = :atMs, attempts = if_not_exists(attempts, :zero) + :one, #ttl = :expires";

    @Override
    public void markSent(String sendKey, Instant sentAt) {
        dynamoDb.updateItem(r -> r.tableName(table).key(TableKeys.sentMail(sendKey))
                .updateExpression("SET #state = :sent, sentAt = :at")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":sent", s(SENT), ":at", s(sentAt.toString()))));
    }

    @Override
    public void release(String sendKey, Instant claimedAt) {
        try {
            dynamoDb.deleteItem(r -> r.tableName(table).key(TableKeys.sentMail(sendKey))
                    .conditionExpression(Conditions.MAIL_CLAIMED_BY)
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":sending", s(SENDING), ":claimedAt", n(claimedAt.toEpochMilli()))));
        } catch (ConditionalCheckFailedException takenOverOrSent) {
            // Another delivery owns the mail now; its record stays.
        }
    }

    /** The mail's record, read consistently; for operators and tests, not part of the port. */
    public Optional<SendRecord> find(String sendKey) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(TableKeys.sentMail(sendKey))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(record(item));
    }

    private static SendRecord record(Map<String, AttributeValue> item) {
        String sendKey = item.get(TableKeys.PK).s().substring("MAIL#".length());
        return new SendRecord(sendKey, NotificationKind.valueOf(item.get("kind").s()),
                SENT.equals(item.get("state").s()) ? State.SENT : State.SENDING,
                Instant.parse(item.get("claimedAt").s()), Integer.parseInt(item.get("attempts").n()),
                item.containsKey("sentAt") ? Instant.parse(item.get("sentAt").s()) : null);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
