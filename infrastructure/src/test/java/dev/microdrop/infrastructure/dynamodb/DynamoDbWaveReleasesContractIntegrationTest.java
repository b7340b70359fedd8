package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.waves.WaveReleasesContract;
import java.time.Clock;
import java.time.ZoneOffset;

/** The wave releases' contract, against {@link DynamoDbWaveReleases} on DynamoDB Local. */
class DynamoDbWaveReleasesContractIntegrationTest extends WaveReleasesContract {

    @Override
    protected Published publish(Drop drop) {
        String table = LocalDynamoDb.newTable();
        new DynamoDbDropPublisher(LocalDynamoDb.client(), table).publish(drop, NOW);
        return new Published(new DynamoDbDropReader(LocalDynamoDb.client(), table, Clock.fixed(NOW, ZoneOffset.UTC)),
                new DynamoDbWaveReleases(LocalDynamoDb.client(), table));
    }
}
