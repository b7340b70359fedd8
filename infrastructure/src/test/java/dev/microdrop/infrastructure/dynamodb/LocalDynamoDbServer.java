package dev.microdrop.infrastructure.dynamodb;

import dev.microdrop.infrastructure.aws.AwsClientFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local as an HTTP server on a loopback port, for tests that exercise the real SDK client a function
 * builds for itself (reached through the SDK's standard {@code aws.endpointUrlDynamoDb} setting).
 */
public final class LocalDynamoDbServer {

    private static String endpoint;

    private LocalDynamoDbServer() {
    }

    /** Starts the server once per JVM and points the SDK's standard settings at it; returns its endpoint. */
    public static synchronized String startAndConfigureSdk() throws Exception {
        if (endpoint == null) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"});
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (Exception ignored) {
                    // the JVM is going away
                }
            }));
            endpoint = "http://127.0.0.1:" + port;
        }
        System.setProperty("aws.endpointUrlDynamoDb", endpoint);
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        return endpoint;
    }

    /** A client of the server, built by the production client factory. */
    public static DynamoDbClient client() throws Exception {
        startAndConfigureSdk();
        return AwsClientFactory.fromEnvironment().dynamoDb();
    }
}
