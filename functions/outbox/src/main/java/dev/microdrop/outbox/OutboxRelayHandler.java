package dev.microdrop.outbox;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.microdrop.infrastructure.outbox.OutboxRelay;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The table's stream (event source mapping with ReportBatchItemFailures and bisect-on-error) into the relay.
 * On a failure it names the first record not relayed, so Lambda retries from there and nothing after it is
 * skipped; records before it are not redelivered.
 */
public final class OutboxRelayHandler implements Function<DynamodbEvent, StreamsEventResponse> {

    private final OutboxRelay relay;

    public OutboxRelayHandler(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public StreamsEventResponse apply(DynamodbEvent event) {
        Optional<String> failedAt = relay.relay(StreamRecords.changes(event));
        return StreamsEventResponse.builder()
                .withBatchItemFailures(failedAt
                        .map(sequence -> List.of(StreamsEventResponse.BatchItemFailure.builder()
                                .withItemIdentifier(sequence).build()))
                        .orElse(List.of()))
                .build();
    }
}
