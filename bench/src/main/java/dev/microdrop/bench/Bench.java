package dev.microdrop.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;

/**
 * {@code ./microdrop bench <scenario> [options]}: plays one load scenario through the functions' own code on
 * DynamoDB Local, or measures each function's start-up ({@link Startup}), and prints a summary, the command that
 * reproduces it and, last, one JSON line of figures.
 * Exits 1 if the run broke an invariant (an oversell, unbalanced counters), 2 on bad options.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        // Before any logger exists: our configuration, not the tests' (the test-jar on the classpath brings one).
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "bench-logback.xml");
        }
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the scenario the arguments name; returns the exit status. */
    static int run(PrintStream out, PrintStream err, String... args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("microdrop bench: " + e.getMessage());
            err.println(Options.USAGE);
            return 2;
        }
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try (BenchDynamoDb db = new BenchDynamoDb()) {
            Report report = switch (options.scenario()) {
                case "catalog" -> Catalog.run(options, db);
                case "startup" -> Startup.run(options, db);
                case "shop-kpis" -> ShopNumbers.run(options, db);
                default -> HotDrop.run(options, db);
            };
            // The machine is shared: its load says how far to trust the absolute figures (ratios travel better).
            report.put("dynamodb_local", BenchDynamoDb.version())
                    .put("java", Runtime.version().toString())
                    .put("cpus", Runtime.getRuntime().availableProcessors())
                    .put("load_average_before", loadBefore, 2)
                    .put("load_average_after", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2);
            report.print(out, options.command());
            return report.failed() ? 1 : 0;
        }
    }
}
