package dev.microdrop.infrastructure.aws;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one place AWS clients are built: explicit region, the light URL-connection HTTP client, call timeouts,
 * and the default credentials chain (the provider that keeps working after a SnapStart restore).
 *
 * <p>Endpoints are left to the SDK's standard settings, so the same code talks to AWS, to LocalStack
 * ({@code AWS_ENDPOINT_URL=http://localhost:4566}) or to DynamoDB Local
 * ({@code AWS_ENDPOINT_URL_DYNAMODB} or the {@code aws.endpointUrlDynamoDb} system property).
 *
 * <p>Every function uses DynamoDB; the other services' clients are built from the builder the caller passes
 * ({@code clients.client(SqsClient.builder())}). This class names no other service because Spring reads every
 * method of a bean's class (for lifecycle annotations and its close method): a method returning an
 * {@code EventBridgeClient} would need that SDK module in every function's artifact. As it is, only the functions
 * that use a service carry it (EventBridge, SQS and Scheduler are optional dependencies of this module).
 */
public final class AwsClientFactory implements AutoCloseable {

    private final Region region;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;

    public AwsClientFactory(Region region) {
        this.region = region;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5))
                .build();
        this.credentials = DefaultCredentialsProvider.builder().build();
    }

    /** The region from {@code AWS_REGION} (always set on Lambda), the {@code aws.region} property or the profile. */
    public static AwsClientFactory fromEnvironment() {
        return new AwsClientFactory(DefaultAwsRegionProviderChain.builder().build().getRegion());
    }

    public Region region() {
        return region;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb(List.of());
    }

    /**
     * The same client with observers of its requests (the load benchmark counts the table's reads and writes
     * with one); they see each attempt, retries included, without changing it.
     */
    public DynamoDbClient dynamoDb(List<ExecutionInterceptor> observers) {
        return DynamoDbClient.builder()
                .region(region)
                .httpClient(http)
                .credentialsProvider(credentials)
                .overrideConfiguration(timeouts().toBuilder().executionInterceptors(observers).build())
                .build();
    }

    /** A client of another AWS service, configured as the DynamoDB one: {@code client(SqsClient.builder())}. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder
                .region(region)
                .httpClient(http)
                .credentialsProvider(credentials)
                .overrideConfiguration(timeouts())
                .build();
    }

    private static ClientOverrideConfiguration timeouts() {
        return ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(Duration.ofSeconds(3))
                .apiCallTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Override
    public void close() {
        http.close();
    }
}
