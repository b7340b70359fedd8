package dev.microdrop.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.microdrop.function.testing.LambdaHarness;
import dev.microdrop.infrastructure.outbox.StreamChange;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamRecordsTest {

    @Test
    void changes_carryEventNamesSequencesAndBothImages() throws Exception {
        DynamodbEvent event;
        try (InputStream in = Files.newInputStream(LambdaHarness.repositoryRoot().resolve("events/outbox-stream.json"))) {
            event = LambdaEventSerializers.serializerFor(DynamodbEvent.class, getClass().getClassLoader()).fromJson(in);
        }

        List<StreamChange> changes = StreamRecords.changes(event);

        assertThat(changes).extracting(StreamChange::eventName).containsExactly("INSERT", "MODIFY");
        assertThat(changes.getFirst().newImage().get("detailType").s()).isEqualTo("OrderHeld");
        assertThat(changes.get(1).oldImage().get("available").n()).isEqualTo("1");
        assertThat(changes.get(1).sequenceNumber()).isEqualTo("100000000000000000002");
        assertThat(changes.get(1).changedAt()).as("the record's approximate creation time")
                .isEqualTo(java.time.Instant.ofEpochSecond(1795341600));
    }
}
