package dev.microdrop.infrastructure.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.buyer.BuyerIds;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDb;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class DynamoDbSuppressionsIntegrationTest {

    @Test
    void suppress_thenTheAddressIsSuppressedHoweverWritten_andTheItemHoldsNoAddress() {
        String table = LocalDynamoDb.newTable();
        DynamoDbSuppressions suppressions = new DynamoDbSuppressions(LocalDynamoDb.client(), table,
                new BuyerIds("suppressions-test-key-0123456789".getBytes(StandardCharsets.UTF_8)), Clock.systemUTC());

        suppressions.suppress("ada@example.com", "bounce");

        assertThat(suppressions.suppressed(" ADA@example.com")).isTrue();
        assertThat(suppressions.suppressed("grace@example.com")).isFalse();
        assertThat(LocalDynamoDb.scan(table)).singleElement().satisfies(item -> {
            assertThat(item.get("pk").s()).matches("SUPPRESSED#b_[0-9a-f]{32}");
            assertThat(item.toString()).doesNotContain("ada", "example.com");
        });
    }
}
