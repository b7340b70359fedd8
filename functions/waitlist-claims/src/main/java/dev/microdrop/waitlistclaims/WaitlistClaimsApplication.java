package dev.microdrop.waitlistclaims;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microdrop.core.order.OrderIds;
import dev.microdrop.core.stock.Contention;
import dev.microdrop.core.stock.HoldPlanner;
import dev.microdrop.core.waitlist.WaitlistClaimsService;
import dev.microdrop.function.config.MicrodropFunctionConfiguration;
import dev.microdrop.function.config.MicrodropProperties;
import dev.microdrop.function.snapstart.Primer;
import dev.microdrop.function.snapstart.PrimingEvents;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropReader;
import dev.microdrop.infrastructure.dynamodb.DynamoDbInventory;
import dev.microdrop.infrastructure.dynamodb.DynamoDbWaitlist;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The waitlist-claims Lambda ({@code waitlistClaims}): the waitlist-units-back queue into claims offered to waiting
 * buyers. (Joining the waitlist, {@code POST /waitlist}, is the checkout function's.)
 */
@SpringBootApplication
@Import(MicrodropFunctionConfiguration.class)
public class WaitlistClaimsApplication {

    @Bean
    Function<SQSEvent, SQSBatchResponse> waitlistClaims(DynamoDbClient dynamoDb, MicrodropProperties properties, Clock clock) {
        return new WaitlistClaimsHandler(new WaitlistClaimsService(new DynamoDbWaitlist(dynamoDb, properties.table()),
                new HoldPlanner(new DynamoDbInventory(dynamoDb, properties.table()), Contention.standard()),
                new DynamoDbDropReader(dynamoDb, properties.table(), clock), new OrderIds(), clock));
    }

    /** Before SnapStart's snapshot: units back in a drop that does not exist (one read, no write). */
    @Bean
    Primer waitlistClaimsPrimer(Function<SQSEvent, SQSBatchResponse> waitlistClaims) {
        return () -> waitlistClaims.apply(PrimingEvents.sqs(PrimingEvents.eventBridge("OrderExpired")));
    }

    public static void main(String[] args) {
        SpringApplication.run(WaitlistClaimsApplication.class, args);
    }
}
