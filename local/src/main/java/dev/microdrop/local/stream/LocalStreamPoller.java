package dev.microdrop.local.stream;

import dev.microdrop.infrastructure.outbox.StreamChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Does locally what Lambda's event source mapping does with the table's stream on AWS: reads every shard in
 * order and hands batches of records to a handler, advancing its checkpoint only past records the handler
 * finished. A handler that fails (or a poller that is stopped) leaves the rest in the stream, to be delivered
 * when it resumes. The checkpoint lives in memory: a new poller starts from the oldest record still in the
 * stream (as a new event source mapping would with TRIM_HORIZON), which consumers dedupe by event id.
 */
public final class LocalStreamPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStreamPoller.class);

    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final String table;
    private final Function<List<StreamChange>, Optional<String>> handler;
    private final Duration idle;
    private final Map<String, String> checkpoints = new HashMap<>();
    private volatile boolean running;
    private Thread thread;

    /**
     * @param handler relays a batch; returns the sequence number of the first record it could not finish
     */
    public LocalStreamPoller(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, String table,
            Function<List<StreamChange>, Optional<String>> handler, Duration idle) {
        this.dynamoDb = dynamoDb;
        this.streams = streams;
        this.table = table;
        this.handler = handler;
        this.idle = idle;
    }

    public synchronized LocalStreamPoller start() {
        running = true;
        thread = Thread.ofPlatform().name("stream-poller-" + table).daemon().start(this::loop);
        return this;
    }

    /** One pass over every shard: what a test calls to drain the stream deterministically. */
    public synchronized int pollOnce() {
        String streamArn = dynamoDb.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        int relayed = 0;
        for (Shard shard : streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
            relayed += pollShard(streamArn, shard.shardId());
        }
        return relayed;
    }

    private int pollShard(String streamArn, String shardId) {
        String after = checkpoints.get(shardId);
        String iterator = streams.getShardIterator(r -> {
            r.streamArn(streamArn).shardId(shardId);
            if (after == null) {
                r.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            } else {
                r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
            }
        }).shardIterator();
        int relayed = 0;
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(current).limit(100));
            if (page.records().isEmpty()) {
                break;
            }
            List<StreamChange> batch = new ArrayList<>();
            for (Record record : page.records()) {
                batch.add(new StreamChange(record.eventNameAsString(), record.dynamodb().sequenceNumber(),
                        record.dynamodb().newImage(), record.dynamodb().oldImage(),
                        record.dynamodb().approximateCreationDateTime()));
            }
            Optional<String> failedAt = handler.apply(batch);
            for (StreamChange change : batch) {
                if (failedAt.isPresent() && failedAt.get().equals(change.sequenceNumber())) {
                    return relayed; // leave the checkpoint before the failed record; it is retried next pass
                }
                checkpoints.put(shardId, change.sequenceNumber());
                relayed++;
            }
            iterator = page.nextShardIterator();
        }
        return relayed;
    }

    private void loop() {
        while (running) {
            try {
                if (pollOnce() == 0) {
                    Thread.sleep(idle.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("stream poll failed; retrying: {}", e.toString());
                try {
                    Thread.sleep(idle.toMillis() * 5);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread = null;
        }
    }
}
