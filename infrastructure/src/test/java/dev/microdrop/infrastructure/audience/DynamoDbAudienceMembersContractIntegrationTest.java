package dev.microdrop.infrastructure.audience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.audience.Audience;
import dev.microdrop.core.audience.AudienceMembers;
import dev.microdrop.core.audience.AudienceMembersContract;
import dev.microdrop.core.audience.ConfirmOutcome;
import dev.microdrop.core.audience.LinkTokens;
import dev.microdrop.core.audience.SignUpOutcome;
import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The audience members' contract, against {@link DynamoDbAudienceMembers} on DynamoDB Local; and what its items hold. */
class DynamoDbAudienceMembersContractIntegrationTest extends AudienceMembersContract {

    private static final Instant AT = Instant.parse("2026-12-02T18:00:00Z");
    private final String table = LocalDynamoDb.newTable();
    private final DynamoDbAudienceMembers members = new DynamoDbAudienceMembers(LocalDynamoDb.client(), table);

    @Override
    protected AudienceMembers members() {
        return members;
    }

    @Test
    void item_isKeyedByTheBuyerId_withTheAddressOnlyAsAnAttribute() {
        members.putIfAbsent(pendingAda());

        assertThat(LocalDynamoDb.scan(table)).singleElement().satisfies(item -> {
            assertThat(item.get("pk").s()).isEqualTo("MEMBER#" + ADA.value());
            assertThat(item.get("sk").s()).isEqualTo("PROFILE");
            assertThat(item.get("type").s()).isEqualTo("AudienceMember");
            assertThat(item.get("state").s()).isEqualTo("pending");
            assertThat(item.get("email").s()).isEqualTo("ada@example.com");
            assertThat(item.keySet()).containsExactlyInAnyOrder("pk", "sk", "type", "state", "email",
                    "consentTextVersion", "signedUpAt", "interests", "homeHubId");
        });
    }

    @Test
    void erase_leavesAnItemWithNoAddressAndNothingPersonal() {
        members.putIfAbsent(pendingAda());

        members.erase(ADA, AT);

        assertThat(LocalDynamoDb.scan(table)).singleElement().satisfies(item -> {
            assertThat(item.keySet()).containsExactlyInAnyOrder("pk", "sk", "type", "state", "erasedAt");
            assertThat(item.get("state").s()).isEqualTo("erased");
            assertThat(item.toString()).doesNotContain("ada", "example.com", "sneakers", "north");
        });
    }

    @Test
    void audience_overTheTable_neverPutsTheAddressInAKey() {
        byte[] key = "audience-it-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        Audience audience = new Audience(members, new BuyerIds(key), new LinkTokens(key), Audience.DEFAULT_CONFIRM_WINDOW);
        String[] addresses = {"ada@example.com", "Grace.Hopper@Navy.example", "linus+drops@example.org"};
        for (String address : addresses) {
            SignUpOutcome.Pending pending = (SignUpOutcome.Pending) audience.signUp(address, "v1", Set.of("tees"), "north", AT);
            assertThat(audience.confirm(pending.confirmToken(), AT.plusSeconds(1))).isInstanceOf(ConfirmOutcome.Confirmed.class);
        }
        audience.erase("ada@example.com", AT.plusSeconds(2));

        assertThat(LocalDynamoDb.scan(table)).hasSize(3).allSatisfy(item -> {
            Map<String, AttributeValue> keys = Map.of("pk", item.get("pk"), "sk", item.get("sk"));
            assertThat(item.get("pk").s()).matches("MEMBER#b_[0-9a-f]{32}");
            for (String address : addresses) {
                String local = address.substring(0, address.indexOf('@')).toLowerCase();
                assertThat(keys.toString().toLowerCase()).doesNotContain(local, "example");
            }
        });
        assertThat(audience.export("grace.hopper@navy.example")).hasValueSatisfying(
                export -> assertThat(export.email()).isEqualTo("grace.hopper@navy.example"));
    }
}
