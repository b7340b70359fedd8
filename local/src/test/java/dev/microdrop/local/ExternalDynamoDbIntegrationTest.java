package dev.microdrop.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.infrastructure.dynamodb.LocalDynamoDbServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --external}: no emulator of ours; the functions find DynamoDB through the SDK's global endpoint
 * setting alone ({@code aws.endpointUrl}, the property twin of {@code AWS_ENDPOINT_URL}), as they would find
 * LocalStack. Here that endpoint is a DynamoDB Local server started by the test.
 */
class ExternalDynamoDbIntegrationTest {

    @AfterEach
    void restore() {
        System.clearProperty("aws.endpointUrl");
    }

    @Test
    void external_reachesDynamoDbThroughTheStandardEndpointSetting() throws Exception {
        String endpoint = LocalDynamoDbServer.startAndConfigureSdk();
        System.clearProperty("aws.endpointUrlDynamoDb");
        System.setProperty("aws.endpointUrl", endpoint);
        LocalRuntime.Options options = new LocalRuntime.Options(0, false, Path.of("unused"),
                Path.of("..", LocalRuntime.Options.DEFAULT_DROP.toString()), true, false, 1, false, true);

        try (LocalRuntime runtime = new LocalRuntime(options).start()) {
            assertThat(runtime.banner()).contains("the SDK's standard settings");
            HttpResponse<String> checkout = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + runtime.port() + "/checkout"))
                    .header("content-type", "application/json")
                    .header("idempotency-key", "external-key-1")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"dropId":"neon-runners","lines":[{"sku":"GL-1","quantity":1}],
                             "buyer":{"email":"ext@example.com"},"fulfilment":{"type":"ship","address":{"name":"Ada Lovelace",
                     "line1":"Invalidenstrasse 1","city":"Berlin","postalCode":"10115","country":"DE"}}}"""))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(201);
        }
    }
}
