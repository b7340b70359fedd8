package dev.microdrop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.catalog.CatalogApplication;
import dev.microdrop.checkout.CheckoutApplication;
import dev.microdrop.fulfilment.FulfilmentApplication;
import dev.microdrop.merchant.MerchantApplication;
import dev.microdrop.outbox.OutboxApplication;
import dev.microdrop.payments.PaymentsApplication;
import dev.microdrop.waitlist.WaitlistApplication;
import dev.microdrop.waves.WavesApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each function's start-up, in a fresh JVM per function and per mode ({@link StartupProbe}): JVM start to the first
 * response, the first request's latency over the median of the next N, and the heap after init, without priming
 * and with SnapStart's priming hooks called in the same JVM (no snapshot is taken: that needs Lambda or a CRaC JVM).
 * The children run with Lambda's {@code -XX:TieredStopAtLevel=1} on this JVM's classpath (the bench's: every
 * function module and its dependencies, plus DynamoDB Local and JMH, which the functions never load), against
 * DynamoDB Local in this JVM, holding a published drop.
 */
final class Startup {

    /** A function's Spring context, named as the docs name it, and the module its artifact is built in. */
    record Function(String name, String module, Class<?> application) {
    }

    static final List<Function> FUNCTIONS = List.of(
            new Function("catalog", "catalog", CatalogApplication.class),
            new Function("checkout", "checkout", CheckoutApplication.class),
            new Function("payments (webhook + hold expiry)", "payments", PaymentsApplication.class),
            new Function("fulfilment", "fulfilment", FulfilmentApplication.class),
            new Function("outbox relay", "outbox", OutboxApplication.class),
            new Function("waves", "waves", WavesApplication.class),
            new Function("merchant", "merchant", MerchantApplication.class),
            new Function("waitlist", "waitlist", WaitlistApplication.class));

    static final List<String> MODES = List.of("unprimed", "primed");

    /** As Lambda's JAVA_TOOL_OPTIONS in template.yaml. */
    static final List<String> JVM_OPTIONS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Startup() {
    }

    static Report run(Options options, BenchDynamoDb db) throws Exception {
        return run(options, db, FUNCTIONS);
    }

    static Report run(Options options, BenchDynamoDb db, List<Function> functions) throws Exception {
        Instant now = Instant.now();
        String table = db.tableWith(BenchDynamoDb.openDrop(now, 10, 1, "A"), now);
        Path functionsDir = functionsDir();

        Report report = new Report()
                .put("scenario", options.scenario())
                .put("requests", options.requests())
                .put("jvm_options", JVM_OPTIONS)
                .put("classpath", "bench");
        report.line("microdrop bench startup: each function in a fresh JVM per mode (%s, bench classpath), "
                + "first request then the median of the next %d, DynamoDB Local %s on loopback",
                String.join(" ", JVM_OPTIONS), options.requests(), BenchDynamoDb.version());
        report.line("%-33s %9s | %-30s | %-40s", "", "", "unprimed", "primed (hooks in the same JVM)");
        report.line("%-33s %9s | %9s %9s %9s | %9s %9s %9s %9s", "function", "artifact", "to 1st ms", "1st/warm",
                "heap MB", "to 1st ms", "priming", "1st/warm", "heap MB");

        List<Map<String, Object>> results = new ArrayList<>();
        for (Function function : functions) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("function", function.name());
            result.put("module", function.module());
            Path artifact = functionsDir.resolve(function.module()).resolve("target")
                    .resolve(function.module() + "-lambda.zip");
            Long artifactBytes = Files.isRegularFile(artifact) ? Files.size(artifact) : null;
            result.put("artifact_bytes", artifactBytes);
            Map<String, JsonNode> byMode = new LinkedHashMap<>();
            for (String mode : MODES) {
                JsonNode figures = probe(function, mode, options.requests(), db, table);
                byMode.put(mode, figures);
                result.put(mode, figures);
            }
            results.add(result);
            JsonNode cold = byMode.get("unprimed");
            JsonNode primed = byMode.get("primed");
            report.line("%-33s %9s | %9d %9.1f %9.1f | %9d %9d %9.1f %9.1f", function.name(),
                    artifactBytes == null ? "n/a" : String.format("%.1f MB", artifactBytes / 1e6),
                    cold.get("jvm_to_first_response_ms").asLong(), cold.get("first_to_warm_ratio").asDouble(),
                    megabytes(cold), primed.get("jvm_to_first_response_ms").asLong(),
                    primed.get("priming_ms").asLong(), primed.get("first_to_warm_ratio").asDouble(), megabytes(primed));
        }
        report.put("functions", results);
        return report;
    }

    /** One child JVM: one function, one mode; its last stdout line is its figures. */
    private static JsonNode probe(Function function, String mode, int requests, BenchDynamoDb db, String table)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        childProperties(db, table).forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add(StartupProbe.class.getName());
        command.add(function.application().getName());
        command.add(mode);
        command.add(Integer.toString(requests));

        Path log = Files.createTempFile("microdrop-startup-", ".log");
        try {
            Process child = new ProcessBuilder(command).redirectError(log.toFile()).start();
            String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int status = child.waitFor();
            String last = stdout.substring(stdout.lastIndexOf('\n') + 1);
            if (status != 0 || !last.startsWith("{")) {
                List<String> lines = Files.readAllLines(log);
                throw new IllegalStateException(function.name() + " (" + mode + ") exited " + status + "; its last log lines:\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            }
            return JSON.readTree(last);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** What PrimingCheck gives a function's context: the table, DynamoDB Local, and dead ends for everything else. */
    private static Map<String, String> childProperties(BenchDynamoDb db, String table) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String sdk : List.of("aws.endpointUrlDynamoDb", "aws.region", "aws.accessKeyId", "aws.secretAccessKey")) {
            properties.put(sdk, System.getProperty(sdk));
        }
        properties.put("microdrop.table", table);
        properties.put("microdrop.buyer-id-key", "startup-bench-key-0123456789");
        properties.put("microdrop.event-bus", "microdrop");
        properties.put("microdrop.payments.webhook-secret", "whsec_startup");
        properties.put("microdrop.payments.stripe-secret-key", "sk_test_startup");
        properties.put("microdrop.payments.stripe-api-base", "http://127.0.0.1:9");
        properties.put("microdrop.payments.expiry-queue-url", "http://127.0.0.1:9/000000000000/expiry");
        properties.put("aws.endpointUrlEventBridge", "http://127.0.0.1:9");
        properties.put("aws.endpointUrlSqs", "http://127.0.0.1:9");
        // The tests' logback-test.xml is on the bench classpath; the functions' own logging is INFO as ECS JSON.
        // Here: warnings only, to stderr, so the child's stdout is its JSON line.
        properties.put("logging.config", "classpath:bench-logback.xml");
        return properties;
    }

    private static double megabytes(JsonNode figures) {
        return figures.get("heap_after_init_bytes").asLong() / 1e6;
    }

    /** {@code functions/} of the checkout: the launcher runs from the root, Maven's tests from {@code bench/}. */
    private static Path functionsDir() {
        Path here = Path.of("functions");
        return Files.isDirectory(here) ? here : Path.of("..", "functions");
    }
}
