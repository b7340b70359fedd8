package dev.microdrop.fulfilment;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.microdrop.core.fulfilment.FulfilmentService;
import dev.microdrop.core.fulfilment.FulfilmentUseCase;
import dev.microdrop.function.config.MicrodropFunctionConfiguration;
import dev.microdrop.function.config.MicrodropProperties;
import dev.microdrop.function.snapstart.Primer;
import dev.microdrop.function.snapstart.PrimingEvents;
import dev.microdrop.infrastructure.dynamodb.DynamoDbOrderStore;
import dev.microdrop.infrastructure.fulfilment.DynamoDbFulfilmentRecords;
import dev.microdrop.infrastructure.json.Json;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The fulfilment Lambda: {@code MAIN_CLASS} for Spring Cloud Function's {@code FunctionInvoker}, function
 * definition {@code fulfilment}, triggered by the SQS queue the OrderPaid rule feeds. Its event source mapping
 * must report batch item failures ({@code FunctionResponseTypes: [ReportBatchItemFailures]}); see
 * {@link FulfilmentHandler}.
 */
@SpringBootApplication
@Import(MicrodropFunctionConfiguration.class)
public class FulfilmentApplication {

    @Bean
    FulfilmentUseCase fulfilmentUseCase(DynamoDbClient dynamoDb, MicrodropProperties properties, Clock clock) {
        return new FulfilmentService(new DynamoDbOrderStore(dynamoDb, properties.table(), clock),
                new DynamoDbFulfilmentRecords(dynamoDb, properties.table()), clock);
    }

    @Bean
    Function<SQSEvent, SQSBatchResponse> fulfilment(FulfilmentUseCase fulfilmentUseCase) {
        return new FulfilmentHandler(fulfilmentUseCase, Json.mapper());
    }

    /** Before SnapStart's snapshot: an OrderPaid for an order that does not exist (one read, no write). */
    @Bean
    Primer fulfilmentPrimer(Function<SQSEvent, SQSBatchResponse> fulfilment) {
        return () -> fulfilment.apply(PrimingEvents.sqs(PrimingEvents.eventBridge("OrderPaid")));
    }

    public static void main(String[] args) {
        SpringApplication.run(FulfilmentApplication.class, args);
    }
}
