package dev.microdrop.function.config;

import dev.microdrop.core.drop.CachedDropReader;
import dev.microdrop.function.snapstart.Primer;
import dev.microdrop.function.snapstart.SnapStartPriming;
import dev.microdrop.function.http.Responses;
import dev.microdrop.infrastructure.aws.AwsClientFactory;
import dev.microdrop.infrastructure.dynamodb.DynamoDbDropReader;
import dev.microdrop.infrastructure.json.Json;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What every function's context shares: the clock, the AWS clients (built once, by the one factory), the
 * cached drop reader and the HTTP edge. Function applications import this and add their handler bean.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MicrodropProperties.class)
public class MicrodropFunctionConfiguration {

    /** The system clock, unless the local runtime supplied its own (a scaled clock for compressed drops). */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    AwsClientFactory awsClientFactory() {
        return AwsClientFactory.fromEnvironment();
    }

    @Bean(destroyMethod = "close")
    DynamoDbClient dynamoDbClient(AwsClientFactory clients) {
        return clients.dynamoDb();
    }

    @Bean
    CachedDropReader cachedDropReader(DynamoDbClient dynamoDb, MicrodropProperties properties, Clock clock) {
        return new CachedDropReader(properties.shardSummaries()
                ? DynamoDbDropReader.summaries(dynamoDb, properties.table(), clock)
                : new DynamoDbDropReader(dynamoDb, properties.table(), clock), clock, properties.cacheWindow());
    }

    /** SnapStart's hooks: the function's primers before the snapshot, fresh caches after every restore. */
    @Bean
    SnapStartPriming snapStartPriming(ObjectProvider<Primer> primers, CachedDropReader drops) {
        return new SnapStartPriming(primers.orderedStream().toList(), drops);
    }

    @Bean
    Responses responses() {
        return new Responses(Json.mapper());
    }
}
