package dev.microdrop.function.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.function.snapstart.ClassPreload;
import dev.microdrop.function.snapstart.SnapStartPriming;
import dev.microdrop.infrastructure.dynamodb.DropTable;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropPublisher;
import dev.microdrop.infrastructure.dynamodb.LocalDynamoDbServer;
import dev.microdrop.infrastructure.dynamodb.TestDrops;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart's hooks run as Lambda would run them around a snapshot, called directly (a normal JVM cannot
 * checkpoint): the function's context starts against DynamoDB Local holding a published drop, then
 * {@code beforeCheckpoint} and {@code afterRestore}. Every primer must succeed, and the table must be exactly as
 * before: priming reads, never writes.
 */
public final class PrimingCheck {

    private PrimingCheck() {
    }

    /** @return the function's priming, after both hooks ran */
    public static SnapStartPriming primeAndRestore(Class<?> application, String table) throws Exception {
        DynamoDbClient dynamoDb = LocalDynamoDbServer.client();
        DropTable.createIfMissing(dynamoDb, table);
        new DynamoDbDropPublisher(dynamoDb, table)
                .publish(TestDrops.open(Instant.now(), 2, 10, "A"), Instant.now());
        Map<String, Object> properties = Map.of(
                "microdrop.table", table,
                "microdrop.buyer-id-key", "priming-test-key-0123456789",
                "microdrop.event-bus", "microdrop",
                "microdrop.payments.webhook-secret", "whsec_priming",
                "microdrop.payments.stripe-secret-key", "sk_test_priming",
                "microdrop.payments.stripe-api-base", "http://127.0.0.1:9",
                "microdrop.payments.expiry-queue-url", "http://127.0.0.1:9/000000000000/expiry",
                "aws.endpointUrlEventBridge", "http://127.0.0.1:9",
                "aws.endpointUrlSqs", "http://127.0.0.1:9");
        properties.forEach((k, v) -> System.setProperty(k, v.toString()));
        List<Map<String, AttributeValue>> before = scan(dynamoDb, table);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE).run()) {
            SnapStartPriming priming = context.getBean(SnapStartPriming.class);

            priming.beforeCheckpoint(null);
            priming.afterRestore(null);

            assertThat(priming.steps()).as("primers of %s", application.getSimpleName()).isPositive();
            assertThat(priming.failures()).as("failed primers of %s", application.getSimpleName()).isZero();
            ClassPreload preload = priming.preload();
            assertThat(preload.listed()).as("classes %s preloads (./microdrop record-classes writes the list)",
                    application.getSimpleName()).isPositive();
            assertThat(preload.loaded()).as("listed classes of %s that still load, of %d (a stale list: run "
                    + "./microdrop record-classes)", application.getSimpleName(), preload.listed())
                    .isGreaterThanOrEqualTo(preload.listed() * 99 / 100);
            assertThat(scan(dynamoDb, table)).as("the table after priming %s", application.getSimpleName())
                    .isEqualTo(before);
            return priming;
        }
    }

    private static List<Map<String, AttributeValue>> scan(DynamoDbClient dynamoDb, String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(
                dynamoDb.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().stream().toList());
        items.sort(Comparator.comparing((Map<String, AttributeValue> i) -> i.get("pk").s())
                .thenComparing(i -> i.get("sk").s()));
        return items;
    }
}
