package dev.microdrop.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microdrop.core.reconcile.Drift;
import dev.microdrop.core.reconcile.ReconciliationReport;
import dev.microdrop.infrastructure.dynamodb.DynamoDbReconciler;
import dev.microdrop.infrastructure.json.Json;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * {@code ./microdrop reconcile}: reconciles the local runtime's table. If the runtime is running it asks its
 * DynamoDB Local (found in {@code .microdrop/runtime.json}); otherwise it opens the saved data itself. Prints
 * every drift and exits 1 if there is any, 0 if the books balance.
 */
public final class Reconcile {

    static final Path RUNTIME_FILE = Path.of(".microdrop", "runtime.json");

    private Reconcile() {
    }

    public static void main(String[] args) throws Exception {
        // DynamoDB Local's own INFO lines would bury the report.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) throws Exception {
        Path dataDir = Path.of(".microdrop", "data");
        String table = System.getenv().getOrDefault("MICRODROP_TABLE", LocalRuntime.TABLE);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--table" -> table = args[++i];
                default -> {
                    out.println("usage: ./microdrop reconcile [--data-dir DIR] [--table NAME]");
                    return 2;
                }
            }
        }
        String endpoint = null;
        DynamoDBProxyServer opened = null;
        if (Files.isRegularFile(RUNTIME_FILE)) {
            JsonNode runtime = Json.mapper().readTree(RUNTIME_FILE.toFile());
            endpoint = runtime.path("dynamodbEndpoint").asText(null);
            table = runtime.path("table").asText(table);
        }
        if (endpoint == null || !answers(endpoint)) {
            if (!Files.isDirectory(dataDir)) {
                out.println("microdrop reconcile: no local data in " + dataDir + "; start ./microdrop local first");
                return 2;
            }
            int port = LocalRuntime.freePort();
            opened = ServerRunner.createServerFromCommandLineArgs(new String[] {"-port", Integer.toString(port),
                    "-sharedDb", "-dbPath", dataDir.toString(), "-disableTelemetry"});
            opened.start();
            endpoint = "http://127.0.0.1:" + port;
        }
        try (DynamoDbClient dynamoDb = client(endpoint)) {
            ReconciliationReport report = new DynamoDbReconciler(dynamoDb, table, Clock.systemUTC()).reconcile();
            print(report, table, out);
            return report.clean() ? 0 : 1;
        } finally {
            if (opened != null) {
                opened.stop();
            }
        }
    }

    static void print(ReconciliationReport report, String table, PrintStream out) {
        out.printf("reconciled %s at %s: %d SKUs, %d orders, %d ledger entries%n", table, report.at(),
                report.skusChecked(), report.ordersChecked(), report.ledgerEntries());
        List<Drift> drifts = report.drifts();
        if (drifts.isEmpty()) {
            out.println("no drift: every ledger sums to its counters, held units match held orders, "
                    + "every paid order has its payment");
            return;
        }
        out.println(drifts.size() + " drift(s):");
        drifts.forEach(d -> out.printf("  %-9s %-40s %s%n", d.kind(), d.subject(), d.detail()));
    }

    private static boolean answers(String endpoint) {
        try (DynamoDbClient dynamoDb = client(endpoint)) {
            dynamoDb.listTables();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static DynamoDbClient client(String endpoint) {
        return DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }
}
