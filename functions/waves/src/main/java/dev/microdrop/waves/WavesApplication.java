package dev.microdrop.waves;

import dev.microdrop.core.waves.WaveService;
import dev.microdrop.function.config.MicrodropFunctionConfiguration;
import dev.microdrop.function.config.MicrodropProperties;
import dev.microdrop.function.snapstart.Primer;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropReader;
import dev.microdrop.infrastructure.dynamodb.DynamoDbWaveReleases;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The waves Lambda ({@code waves}): EventBridge Scheduler's target for each wave of each drop. */
@SpringBootApplication
@Import(MicrodropFunctionConfiguration.class)
public class WavesApplication {

    @Bean
    WaveService waveService(DynamoDbClient dynamoDb, MicrodropProperties properties, Clock clock) {
        // The table, not the cache: a wave decides on the drop as it is now.
        return new WaveService(new DynamoDbDropReader(dynamoDb, properties.table(), clock),
                new DynamoDbWaveReleases(dynamoDb, properties.table()), clock);
    }

    @Bean
    Function<WaveFired, Map<String, Object>> waves(WaveService waveService) {
        return new WaveHandler(waveService);
    }

    /** Before SnapStart's snapshot: a wave of a drop that does not exist (one read, no write). */
    @Bean
    Primer wavesPrimer(Function<WaveFired, Map<String, Object>> waves) {
        return () -> waves.apply(new WaveFired(Primer.DROP_ID, 1));
    }

    public static void main(String[] args) {
        SpringApplication.run(WavesApplication.class, args);
    }
}
