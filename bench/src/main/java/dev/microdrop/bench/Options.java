package dev.microdrop.bench;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The options of one benchmark run. Every scenario takes {@code --clients} (client threads), {@code --instances}
 * (function instances, each with its own cache, as Lambda runs one per concurrent request) and
 * {@code --cache-window} and {@code --shards} (stock shards per SKU); the checkout scenarios take {@code --buyers}
 * and {@code --units}, the catalog {@code --requests}; the start-up benchmark only {@code --requests} (warm requests
 * after the first, default 50).
 */
record Options(String scenario, int buyers, int units, int clients, int instances, int requests,
        Duration cacheWindow, int shards) {

    static final List<String> SCENARIOS = List.of("hot-drop", "bundle", "catalog", "startup", "shop-kpis");

    static final String USAGE = """
            usage: ./microdrop bench hot-drop [--buyers B] [--units U] [--clients T] [--instances N] [--cache-window D] [--shards S]
                   ./microdrop bench bundle   [--buyers B] [--units U] [--clients T] [--instances N] [--cache-window D] [--shards S]
                   ./microdrop bench catalog  [--requests R] [--clients T] [--instances N] [--cache-window D] [--shards S]
                   ./microdrop bench startup  [--requests N]
                   ./microdrop bench shop-kpis [--buyers B] [--requests R]
                   ./microdrop bench jmh      [JMH options, e.g. -f 3 -i 10 or a benchmark name]

              hot-drop  B buyers (default 10000) race for U units (default 500) of one SKU
              bundle    the same, each order taking one unit of each of two SKUs
              catalog   R requests (default 2000000) for one drop's page
              startup   each function in a fresh JVM, unprimed and primed: JVM start to first response, the first
                        request over the median of the next N (default 50), heap after init, artifact size
              shop-kpis GET /shop/kpis's work over a shop of 12 drops and B buyers (default 5000) who come back,
                        R times (default 5): every record read through the shop's adapter, folded, computed
              --clients T        concurrent client threads (default 64)
              --instances N      function instances sharing the load, each with its own cache (default 1)
              --cache-window D   the functions' cache window, ISO-8601 (default PT2S, as deployed)
              --shards S         stock shards of every SKU of the drop, 1..16 (default 1: one item per SKU)
            The last line of the output is one JSON object with the figures.""";

    Options {
        if (!SCENARIOS.contains(scenario)) {
            throw new IllegalArgumentException("unknown scenario '" + scenario + "'; one of " + SCENARIOS);
        }
        if (buyers < 1 || units < 1 || clients < 1 || instances < 1 || requests < 1) {
            throw new IllegalArgumentException("--buyers, --units, --clients, --instances and --requests are at least 1");
        }
        if (shards < 1 || shards > 16) {
            throw new IllegalArgumentException("--shards is 1 to 16");
        }
        if (cacheWindow.isNegative()) {
            throw new IllegalArgumentException("--cache-window cannot be negative");
        }
    }

    static Options parse(String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("name a scenario");
        }
        int units = 500;
        int clients = 64;
        int instances = 1;
        int requests = switch (args[0]) {
            case "startup" -> 50;
            case "shop-kpis" -> 5;
            default -> 2_000_000;
        };
        int buyers = args[0].equals("shop-kpis") ? 5_000 : 10_000;
        Duration cacheWindow = Duration.ofSeconds(2);
        int shards = 1;
        for (int i = 1; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[i + 1];
            switch (name) {
                case "--buyers" -> buyers = number(name, value);
                case "--units" -> units = number(name, value);
                case "--clients" -> clients = number(name, value);
                case "--instances" -> instances = number(name, value);
                case "--requests" -> requests = number(name, value);
                case "--cache-window" -> cacheWindow = duration(value);
                case "--shards" -> shards = number(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new Options(args[0], buyers, units, clients, instances, requests, cacheWindow, shards);
    }

    /** The same run at another size: the warm-up before the measured run. */
    Options scaledTo(int buyers, int units, int requests) {
        return new Options(scenario, buyers, units, clients, instances, requests, cacheWindow, shards);
    }

    /** The command that reproduces this run, every option spelt out. */
    String command() {
        if (scenario.equals("startup")) {
            return "./microdrop bench startup --requests " + requests;
        }
        if (scenario.equals("shop-kpis")) {
            return "./microdrop bench shop-kpis --buyers " + buyers + " --requests " + requests;
        }
        String size = scenario.equals("catalog") ? "--requests " + requests
                : "--buyers " + buyers + " --units " + units;
        return "./microdrop bench " + scenario + " " + size + " --clients " + clients + " --instances " + instances
                + " --cache-window " + cacheWindow + " --shards " + shards;
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number, not '" + value + "'");
        }
    }

    private static Duration duration(String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--cache-window takes an ISO-8601 duration such as PT2S, not '" + value
                    + "'");
        }
    }
}
