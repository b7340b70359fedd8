package dev.microdrop.bench;

import dev.microdrop.core.manifest.DropManifest;
import dev.microdrop.infrastructure.manifest.ManifestResult;
import dev.microdrop.infrastructure.manifest.YamlManifests;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code ./microdrop bench startup [runs]}: for each function that answers its sample event locally without
 * another service (catalog, waves, fulfilment), starts a fresh JVM on the function's Lambda artifact
 * ({@code target/<module>-lambda.zip}, unzipped) against DynamoDB Local holding the example drop, with and without
 * SnapStart's priming hooks, and prints the median of {@code runs} JVMs (default 3) per figure as a Markdown table
 * for docs/benchmarks.md. Not SnapStart itself: a normal JVM cannot snapshot, so "JVM start to first response" is a
 * cold start without SnapStart, and "first ÷ warm" shows what priming leaves for the first request after a restore.
 */
public final class Startup {

    private record Function(String module, String name, String mainClass, String definition, String event) {
    }

    private static final List<Function> FUNCTIONS = List.of(
            new Function("catalog", "Catalog", "dev.microdrop.catalog.CatalogApplication", "catalog",
                    "events/catalog-get-drop.json"),
            new Function("waves", "Waves", "dev.microdrop.waves.WavesApplication", "waves", "events/waves-fired.json"),
            new Function("fulfilment", "Fulfilment", "dev.microdrop.fulfilment.FulfilmentApplication", "fulfilment",
                    "events/fulfilment-sqs.json"));

    private static final int WARM_REQUESTS = 200;
    private static final Pattern NUMBER = Pattern.compile("\"([a-z_]+)\":([0-9.]+)");

    private Startup() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        BenchDynamoDb db = new BenchDynamoDb();
        String endpoint = System.getProperty("aws.endpointUrlDynamoDb");
        String yaml = Files.readString(Path.of("drops/neon-runners.yaml"));
        DropManifest manifest = ((ManifestResult.Parsed) YamlManifests.parse(yaml, "neon-runners.yaml")).manifest();
        String table = db.tableWith(manifest.toDrop(), Instant.now());

        String serialization = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("aws-lambda-java-serialization")).findFirst()
                .orElseThrow(() -> new IllegalStateException("aws-lambda-java-serialization is not on the classpath"));
        Path factories = Path.of("bench/target/startup/probe-factories");
        Files.createDirectories(factories.resolve("META-INF"));
        Files.writeString(factories.resolve("META-INF/spring.factories"),
                "org.springframework.context.ApplicationListener=dev.microdrop.bench.StartupProbe$ContextCapture\n");
        String probeClasses = Path.of("bench/target/classes").toAbsolutePath() + File.pathSeparator
                + factories.toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        System.out.println("| function | zip | JVM start to first response, ms (unprimed / primed) | first request ms "
                + "(unprimed / primed) | warm median ms | first ÷ warm (unprimed / primed) | heap after init MB |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        for (Function function : FUNCTIONS) {
            Path zip = Path.of("functions", function.module(), "target", function.module() + "-lambda.zip");
            Path unzipped = unzip(zip, Path.of("bench/target/startup", function.module()));
            String classpath = unzipped.toAbsolutePath() + File.pathSeparator + unzipped.toAbsolutePath() + "/lib/*"
                    + File.pathSeparator + serialization + File.pathSeparator + probeClasses;
            Map<String, Double> unprimed = median(runs, () -> probe(java, classpath, function, endpoint, table, false));
            Map<String, Double> primed = median(runs, () -> probe(java, classpath, function, endpoint, table, true));
            System.out.println(String.format(Locale.ROOT, "| %s | %.1f MB | %.0f / %.0f | %.1f / %.1f | %.2f | %.0f / %.0f | %.0f |",
                    function.name(), Files.size(zip) / 1e6,
                    unprimed.get("jvm_start_to_first_response_ms"), primed.get("jvm_start_to_first_response_ms"),
                    unprimed.get("first_ms"), primed.get("first_ms"), primed.get("warm_median_ms"),
                    unprimed.get("first_over_warm"), primed.get("first_over_warm"), primed.get("heap_after_init_mb")));
        }
    }

    private interface Probe {
        Map<String, Double> run() throws Exception;
    }

    /** The median of each figure over {@code runs} fresh JVMs. */
    private static Map<String, Double> median(int runs, Probe probe) throws Exception {
        List<Map<String, Double>> results = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            results.add(probe.run());
        }
        Map<String, Double> median = new java.util.TreeMap<>();
        for (String key : results.getFirst().keySet()) {
            double[] values = results.stream().mapToDouble(r -> r.get(key)).sorted().toArray();
            median.put(key, values[values.length / 2]);
        }
        return median;
    }

    private static Map<String, Double> probe(String java, String classpath, Function function, String endpoint,
                                             String table, boolean primed) throws Exception {
        // As on Lambda: the JAVA_TOOL_OPTIONS of the stack (C1 only), the function's environment.
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-Xmx900m", "-cp", classpath, "dev.microdrop.bench.StartupProbe",
                Path.of(function.event()).toAbsolutePath().toString(), primed ? "primed" : "unprimed",
                Integer.toString(WARM_REQUESTS));
        Map<String, String> env = builder.environment();
        env.put("MAIN_CLASS", function.mainClass());
        env.put("SPRING_CLOUD_FUNCTION_DEFINITION", function.definition());
        env.put("MICRODROP_TABLE", table);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", endpoint);
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        Path log = Files.createTempFile("startup-probe", ".log");
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(function.name() + " did not answer within 2 minutes; log: " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        String json = output.lines().filter(line -> line.startsWith("{\"primed\"")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException(function.name() + " printed no figures:\n" + output));
        Files.delete(log);
        Map<String, Double> figures = new java.util.TreeMap<>();
        Matcher matcher = NUMBER.matcher(json);
        while (matcher.find()) {
            figures.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        return figures;
    }

    private static Path unzip(Path zip, Path into) throws IOException {
        if (Files.exists(into) && Files.getLastModifiedTime(into).compareTo(Files.getLastModifiedTime(zip)) > 0) {
            return into;
        }
        if (Files.exists(into)) {
            try (var paths = Files.walk(into)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.write(target, in.readAllBytes());
                }
            }
        }
        return into;
    }
}
