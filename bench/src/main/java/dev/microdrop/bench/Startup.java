package dev.microdrop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microdrop.catalog.CatalogApplication;
import dev.microdrop.checkout.CheckoutApplication;
import dev.microdrop.core.drop.Drop;
import dev.microdrop.function.snapstart.ClassPreload;
import dev.microdrop.fulfilment.FulfilmentApplication;
import dev.microdrop.merchant.MerchantApplication;
import dev.microdrop.notifications.NotificationsApplication;
import dev.microdrop.outbox.OutboxApplication;
import dev.microdrop.payments.PaymentsApplication;
import dev.microdrop.shop.ShopApplication;
import dev.microdrop.waitlistclaims.WaitlistClaimsApplication;
import dev.microdrop.waves.WavesApplication;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Each function's start-up, in a fresh JVM per function and per mode ({@link StartupProbe}): JVM start to the first
 * response, the first request's latency over the median of the next N, and the heap after init, without priming
 * and with SnapStart's priming hooks called in the same JVM (no snapshot is taken: that needs Lambda or a CRaC JVM).
 * Each child runs from its function's own Lambda artifact, as Lambda's Java runtime does: the zip unpacked, its
 * root (the function's classes) then every {@code lib/*.jar} on the classpath, plus only the probe's class. It runs
 * with Lambda's {@code -XX:TieredStopAtLevel=1} and the function's own logging, against DynamoDB Local in this
 * JVM, holding a published drop.
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
            new Function("waitlist claims", "waitlist-claims", WaitlistClaimsApplication.class),
            new Function("notifications", "notifications", NotificationsApplication.class),
            new Function("shop (API + shop events)", "shop", ShopApplication.class));

    static final List<String> MODES = List.of("unprimed", "primed");

    /** As Lambda's JAVA_TOOL_OPTIONS in template.yaml. */
    static final List<String> JVM_OPTIONS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The one class the children need besides the artifact: it uses nothing the artifact does not hold. */
    private static final Class<?> PROBE = StartupProbe.class;

    private Startup() {
    }

    static Report run(Options options, BenchDynamoDb db) throws Exception {
        return run(options, db, FUNCTIONS);
    }

    static Report run(Options options, BenchDynamoDb db, List<Function> functions) throws Exception {
        return run(options, db, functions, MODES);
    }

    /** The given functions in the given modes only (a mode left out prints as dashes and is absent from the JSON). */
    static Report run(Options options, BenchDynamoDb db, List<Function> functions, List<String> modes)
            throws Exception {
        Instant now = Instant.now();
        Drop drop = BenchDynamoDb.openDrop(now, 10, 1, "A");
        String table = db.tableWith(drop, now);
        Path functionsDir = functionsDir();

        Report report = new Report()
                .put("scenario", options.scenario())
                .put("requests", options.requests())
                .put("jvm_options", JVM_OPTIONS)
                .put("classpath", "each function's Lambda zip unpacked: its root, then lib/*.jar; and the probe class");
        report.line("microdrop bench startup: each function in a fresh JVM per mode (%s) from its own Lambda zip, "
                + "first request then the median of the next %d, DynamoDB Local %s on loopback",
                String.join(" ", JVM_OPTIONS), options.requests(), BenchDynamoDb.version());
        report.line("%-33s %8s %5s | %-29s | %-39s", "", "", "", "unprimed", "primed (hooks in the same JVM)");
        report.line("%-33s %8s %5s | %9s %9s %9s | %9s %9s %9s %9s", "function", "zip MB", "jars", "to 1st ms",
                "1st/warm", "heap MB", "to 1st ms", "priming", "1st/warm", "heap MB");

        List<Map<String, Object>> results = new ArrayList<>();
        Map<String, JsonNode> pages = null;
        Path work = Files.createTempDirectory("microdrop-startup-");
        try {
            Path probeDir = probeClasses(work.resolve("probe"));
            for (Function function : functions) {
                Path artifact = artifact(functionsDir, function);
                List<Path> classpath = new ArrayList<>(unpacked(artifact, work.resolve(function.module())));
                int jars = classpath.size() - 1;
                classpath.add(probeDir);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("function", function.name());
                result.put("module", function.module());
                result.put("artifact", "functions/" + functionsDir.relativize(artifact));
                result.put("artifact_bytes", Files.size(artifact));
                result.put("artifact_jars", jars);
                Map<String, JsonNode> byMode = new LinkedHashMap<>();
                for (String mode : modes) {
                    JsonNode figures = probe(function, classpath, mode, options.requests(), db, table);
                    byMode.put(mode, figures);
                    result.put(mode, figures);
                }
                if (function.module().equals("catalog") && modes.contains("primed")) {
                    pages = pages(function, classpath, options.requests(), db, table, drop.dropId());
                    result.put("page", pages);
                }
                results.add(result);
                report.line("%-33s %8.1f %5d | %s | %s", function.name(), Files.size(artifact) / 1e6, jars,
                        columns(byMode.get("unprimed"), false), columns(byMode.get("primed"), true));
            }
            if (pages != null) {
                report.line("catalog, GET of a drop that exists (the buyers' first request), primed: with its class list "
                        + "%s; without it %s", page(pages.get("listed")), page(pages.get("unlisted")));
            }
        } finally {
            deleteTree(work);
        }
        report.put("functions", results);
        return report;
    }

    /**
     * The buyers' first request: the catalog primed, then asked for a drop that exists, once with the zip as built
     * and once with its class list deleted from the unpacked root (what preloading adds to priming).
     */
    private static Map<String, JsonNode> pages(Function catalog, List<Path> classpath, int requests, BenchDynamoDb db,
            String table, String dropId) throws IOException, InterruptedException {
        String page = "http:catalog:/drops/" + dropId;
        Map<String, JsonNode> pages = new LinkedHashMap<>();
        pages.put("listed", probe(catalog, classpath, "primed", requests, db, table, page));
        Files.delete(classpath.getFirst().resolve(ClassPreload.LIST));
        pages.put("unlisted", probe(catalog, classpath, "primed", requests, db, table, page));
        return pages;
    }

    private static String page(JsonNode figures) {
        return String.format(Locale.ROOT, "first %.1f ms, %.1f x warm, priming %d ms",
                figures.get("first_request_ms").asDouble(), figures.get("first_to_warm_ratio").asDouble(),
                figures.get("priming_ms").asLong());
    }

    /** {@code functions/<module>/target/<module>-lambda.zip}, which each function module's package phase writes. */
    static Path artifact(Path functionsDir, Function function) {
        Path artifact = functionsDir.resolve(function.module()).resolve("target")
                .resolve(function.module() + "-lambda.zip");
        if (!Files.isRegularFile(artifact)) {
            throw new IllegalStateException("no " + artifact + ": package the functions first (./microdrop build)");
        }
        return artifact;
    }

    /**
     * The zip unpacked into {@code dir}, as Lambda unpacks it into {@code /var/task}, and the classpath Lambda's
     * Java runtime makes of it: the root, then every jar under {@code lib/} (in name order; Lambda's is the
     * directory's).
     */
    static List<Path> unpacked(Path zip, Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        try (ZipFile entries = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : entries.stream().toList()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException(zip + " has an entry outside its root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = entries.getInputStream(entry)) {
                    Files.copy(in, target);
                }
            }
        }
        List<Path> classpath = new ArrayList<>();
        classpath.add(root);
        Path lib = root.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                jars.filter(jar -> jar.getFileName().toString().endsWith(".jar")).sorted().forEach(classpath::add);
            }
        }
        return classpath;
    }

    /** A directory holding only the probe's class file, copied from this classpath. */
    private static Path probeClasses(Path dir) throws IOException {
        String file = PROBE.getName().replace('.', '/') + ".class";
        Path target = dir.resolve(file);
        Files.createDirectories(target.getParent());
        try (InputStream in = PROBE.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("no " + file + " on the bench classpath");
            }
            Files.copy(in, target);
        }
        return dir;
    }

    /** One child JVM: one function, one mode; its last stdout line is its figures. */
    private static JsonNode probe(Function function, List<Path> classpath, String mode, int requests,
            BenchDynamoDb db, String table, String... request) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        childProperties(db, table).forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add(PROBE.getName());
        command.add(function.application().getName());
        command.add(mode);
        command.add(Integer.toString(requests));
        command.addAll(List.of(request));

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
        // Mail through an SMTP server that is not there: priming sends none (a refused sign-up, a missing order).
        properties.put("microdrop.mail.from", "startup@bench.example");
        properties.put("microdrop.mail.transport", "smtp");
        properties.put("microdrop.mail.smtp-port", "9");
        properties.put("microdrop.mail.storefront-url", "http://127.0.0.1:9/");
        properties.put("microdrop.shop.link-key", "startup-bench-link-key-0123456789abcdef");
        properties.put("microdrop.shop.storefront-url", "http://127.0.0.1:9/");
        // Logging is the function's own (INFO, ECS JSON lines), as on Lambda: the probe sends it to stderr.
        return properties;
    }

    /** A mode's columns: to 1st ms, (priming,) 1st/warm, heap MB; dashes for a mode not run. */
    private static String columns(JsonNode figures, boolean primed) {
        if (figures == null) {
            return String.join(" ", Collections.nCopies(primed ? 4 : 3, "%9s".formatted("-")));
        }
        String priming = primed ? "%9d ".formatted(figures.get("priming_ms").asLong()) : "";
        return String.format(Locale.ROOT, "%9d %s%9.1f %9.1f", figures.get("jvm_to_first_response_ms").asLong(),
                priming, figures.get("first_to_warm_ratio").asDouble(),
                figures.get("heap_after_init_bytes").asLong() / 1e6);
    }

    /** {@code functions/} of the checkout: the launcher runs from the root, Maven's tests from {@code bench/}. */
    static Path functionsDir() {
        Path here = Path.of("functions");
        return Files.isDirectory(here) ? here : Path.of("..", "functions");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
