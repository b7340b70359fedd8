package dev.microdrop.infrastructure.audience;

import dev.microdrop.core.audience.AudienceMember;
import dev.microdrop.core.audience.AudienceMembers;
import dev.microdrop.core.audience.MemberState;
import dev.microdrop.core.buyer.BuyerId;
import dev.microdrop.infrastructure.dynamodb.Conditions;
import dev.microdrop.infrastructure.dynamodb.DropTable;
import dev.microdrop.infrastructure.dynamodb.TableKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The shop's audience in the table, one item per member, keyed by the buyer id of the address, never the address:
 *
 * <pre>
 * pk = MEMBER#&lt;buyerId&gt;   sk = PROFILE   type = AudienceMember
 * state (pending | subscribed | unsubscribed | erased), email, consentTextVersion, signedUpAt (ISO),
 * confirmedAt (ISO), unsubscribedAt (ISO), interests (L of S, when any), homeHubId, erasedAt (ISO, tombstone only).
 * No TTL.
 * </pre>
 *
 * Every write is a whole-item {@code PutItem} under a condition of {@link Conditions}: {@link
 * Conditions#MEMBER_ABSENT} to create, {@link Conditions#MEMBER_IN_STATE} to change state, {@link
 * Conditions#MEMBER_ERASABLE} to erase. A tombstone holds the keys, the type, the state and {@code erasedAt} only.
 * There is no index: listing members by hub or interest needs a GSI the table does not have (docs/audience.md).
 */
public final class DynamoDbAudienceMembers implements AudienceMembers {

    static final String TYPE = "AudienceMember";

    /** The audience index's partition of subscribed members. */
    static final String SUBSCRIBED_INDEX_KEY = "AUDIENCE#SUBSCRIBED";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbAudienceMembers(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<AudienceMember> putIfAbsent(AudienceMember member) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item(member))
                    .conditionExpression(Conditions.MEMBER_ABSENT)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Optional.empty();
        } catch (ConditionalCheckFailedException exists) {
            if (!exists.hasItem() || exists.item().isEmpty()) {
                throw new IllegalStateException("the sign-up of " + member.buyerId() + " was refused without a member", exists);
            }
            return Optional.of(member(exists.item()));
        }
    }

    @Override
    public boolean transition(AudienceMember next, MemberState from) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item(next))
                    .conditionExpression(Conditions.MEMBER_IN_STATE)
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":from", s(code(from)))));
            return true;
        } catch (ConditionalCheckFailedException otherState) {
            return false;
        }
    }

    /** Subscribed members carry the audience index's keys ({@code gsi2}): a Query, page by page, never a scan. */
    @Override
    public List<AudienceMember> subscribed() {
        return subscribed(null, null, Integer.MAX_VALUE);
    }

    /**
     * The index's sort key is the buyer id: {@code until} is the key condition ({@code gsi2sk <= :until}), {@code
     * after} the start key (the member's item keys and its index keys, all made of its buyer id).
     */
    @Override
    public List<AudienceMember> subscribed(BuyerId after, BuyerId until, int limit) {
        List<AudienceMember> members = new ArrayList<>();
        Map<String, AttributeValue> start = after == null ? null : startKey(after);
        Map<String, String> names = new HashMap<>(Map.of("#pk", DropTable.GSI2_PK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":subscribed", s(SUBSCRIBED_INDEX_KEY)));
        String condition = "#pk = :subscribed";
        if (until != null) {
            names.put("#sk", DropTable.GSI2_SK);
            values.put(":until", s(until.value()));
            condition += " AND #sk <= :until";
        }
        String keyCondition = condition;
        do {
            Map<String, AttributeValue> from = start;
            int left = limit - members.size();
            QueryResponse page = dynamoDb.query(r -> r.tableName(table).indexName(DropTable.AUDIENCE_INDEX)
                    .keyConditionExpression(keyCondition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .exclusiveStartKey(from)
                    .limit(left == Integer.MAX_VALUE ? null : left));
            page.items().stream().map(DynamoDbAudienceMembers::member).forEach(members::add);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && members.size() < limit);
        return members;
    }

    private static Map<String, AttributeValue> startKey(BuyerId after) {
        Map<String, AttributeValue> key = new HashMap<>(TableKeys.audienceMember(after));
        key.put(DropTable.GSI2_PK, s(SUBSCRIBED_INDEX_KEY));
        key.put(DropTable.GSI2_SK, s(after.value()));
        return key;
    }

    @Override
    public Optional<AudienceMember> find(BuyerId buyerId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table)
                .key(TableKeys.audienceMember(buyerId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(member(item));
    }

    @Override
    public Optional<AudienceMember> erase(BuyerId buyerId, Instant at) {
        try {
            Map<String, AttributeValue> before = dynamoDb.putItem(r -> r.tableName(table)
                    .item(item(AudienceMember.erased(buyerId, at)))
                    .conditionExpression(Conditions.MEMBER_ERASABLE)
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":erased", s(code(MemberState.ERASED))))
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
            return Optional.of(member(before));
        } catch (ConditionalCheckFailedException strangerOrErased) {
            return Optional.empty();
        }
    }

    static Map<String, AttributeValue> item(AudienceMember member) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.audienceMember(member.buyerId()));
        item.put("type", s(TYPE));
        item.put("state", s(code(member.state())));
        putIfPresent(item, "email", member.email());
        putIfPresent(item, "consentTextVersion", member.consentTextVersion());
        putIfPresent(item, "signedUpAt", member.signedUpAt());
        putIfPresent(item, "confirmedAt", member.confirmedAt());
        putIfPresent(item, "unsubscribedAt", member.unsubscribedAt());
        putIfPresent(item, "homeHubId", member.homeHubId());
        putIfPresent(item, "erasedAt", member.erasedAt());
        if (member.state() == MemberState.SUBSCRIBED) {
            item.put(DropTable.GSI2_PK, s(SUBSCRIBED_INDEX_KEY));
            item.put(DropTable.GSI2_SK, s(member.buyerId().value()));
        }
        if (!member.interests().isEmpty()) {
            item.put("interests", AttributeValue.fromL(member.interests().stream().map(AttributeValue::fromS).toList()));
        }
        return item;
    }

    static AudienceMember member(Map<String, AttributeValue> item) {
        BuyerId buyerId = new BuyerId(item.get(TableKeys.PK).s().substring("MEMBER#".length()));
        Set<String> interests = item.containsKey("interests")
                ? item.get("interests").l().stream().map(AttributeValue::s).collect(Collectors.toSet())
                : Set.of();
        return new AudienceMember(buyerId, MemberState.valueOf(item.get("state").s().toUpperCase(Locale.ROOT)),
                text(item, "email"), text(item, "consentTextVersion"), instant(item, "signedUpAt"),
                instant(item, "confirmedAt"), instant(item, "unsubscribedAt"), interests, text(item, "homeHubId"),
                instant(item, "erasedAt"));
    }

    private static String code(MemberState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, Object value) {
        if (value != null) {
            item.put(name, s(value.toString()));
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? item.get(name).s() : null;
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Instant.parse(item.get(name).s()) : null;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
