package dev.microdrop.bench;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.microdrop.core.drop.CachedDropReader;
import dev.microdrop.function.http.FunctionUrlEvents;
import dev.microdrop.function.snapstart.Primer;
import dev.microdrop.function.snapstart.SnapStartPriming;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The child JVM of {@code ./microdrop bench startup}: starts one function's Spring context, primes it or not, then
 * sends it 1 + N requests and prints one JSON line of what that took. A "request" is one pass over the function's
 * own {@link Primer} beans: each calls the real handler bean with an event aimed at things that do not exist, so
 * the path is the one a buyer's request takes (parsing, use case, a table read, the response) and nothing is
 * written. The drop cache is emptied before every request, so the first and the warm ones do the same work.
 *
 * <p>Run by {@link Startup} in a fresh JVM per function and mode, on that function's unpacked Lambda zip plus this
 * class alone: it may use only what every artifact holds (Spring, Jackson, drop-core, function-support).
 * Not meant to be run by hand.
 * Arguments: the application class, {@code unprimed} or {@code primed}, N, and optionally
 * {@code http:<function bean>:<path>}: then a request is instead a {@code GET} of that path through the function
 * bean, which must answer 200 (a path the primers never take, e.g. the catalog rendering a drop that exists).
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    public static void main(String[] args) throws Exception {
        // stdout carries the one JSON line; whatever Spring or the SDK print goes to stderr.
        PrintStream out = System.out;
        System.setOut(System.err);
        Class<?> application = Class.forName(args[0]);
        boolean primed = switch (args[1]) {
            case "primed" -> true;
            case "unprimed" -> false;
            default -> throw new IllegalArgumentException("mode is primed or unprimed, not " + args[1]);
        };
        int warmRequests = Integer.parseInt(args[2]);
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();

        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE).run()) {
            long contextReady = System.currentTimeMillis();
            List<Primer> primers = args.length > 3 ? List.of(get(context, args[3]))
                    : context.getBeanProvider(Primer.class).orderedStream().toList();
            CachedDropReader drops = context.getBean(CachedDropReader.class);
            Long primingMs = null;
            if (primed) {
                // SnapStart's hooks as Lambda calls them around a snapshot, here in the same JVM: no snapshot is taken.
                SnapStartPriming priming = context.getBean(SnapStartPriming.class);
                long started = System.nanoTime();
                priming.beforeCheckpoint(null);
                priming.afterRestore(null);
                primingMs = (System.nanoTime() - started) / 1_000_000;
                if (priming.failures() > 0) {
                    throw new IllegalStateException(priming.failures() + " priming step(s) failed");
                }
            }
            // Heap after init, priming included (on Lambda it runs during init); the GC's pause is not counted below.
            long gcStarted = System.nanoTime();
            System.gc();
            long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long gcMs = (System.nanoTime() - gcStarted) / 1_000_000;

            long first = request(primers, drops);
            long firstResponse = System.currentTimeMillis() - jvmStart - gcMs;
            long[] warm = new long[warmRequests];
            for (int i = 0; i < warmRequests; i++) {
                warm[i] = request(primers, drops);
            }
            double warmMedianMs = median(warm) / 1e6;

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("application", application.getName());
            figures.put("mode", args[1]);
            figures.put("primers", primers.size());
            figures.put("jvm_to_context_ms", contextReady - jvmStart);
            figures.put("priming_ms", primingMs);
            figures.put("jvm_to_first_response_ms", firstResponse);
            figures.put("first_request_ms", rounded(first / 1e6, 3));
            figures.put("warm_requests", warmRequests);
            figures.put("warm_median_ms", rounded(warmMedianMs, 4));
            figures.put("first_to_warm_ratio", rounded(first / 1e6 / warmMedianMs, 2));
            figures.put("heap_after_init_bytes", heapUsed);
            out.println(JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build().writeValueAsString(figures));
            out.flush();
        }
        // The SDK's and Spring's non-daemon threads must not keep the child alive.
        System.exit(0);
    }

    /** {@code http:<bean>:<path>} as a request: a GET of the path through the function bean, answered 200. */
    @SuppressWarnings("unchecked")
    private static Primer get(ConfigurableApplicationContext context, String request) {
        String[] parts = request.split(":", 3);
        Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function = context.getBean(parts[1], Function.class);
        return () -> {
            int status = function.apply(FunctionUrlEvents.request("GET", parts[2], Map.of(), null)).getStatusCode();
            if (status != 200) {
                throw new IllegalStateException("GET " + parts[2] + " answered " + status);
            }
        };
    }

    /** One request: every primer of the function, on an empty drop cache; returns its latency in nanoseconds. */
    private static long request(List<Primer> primers, CachedDropReader drops) {
        drops.invalidate();
        long started = System.nanoTime();
        primers.forEach(Primer::prime);
        return System.nanoTime() - started;
    }

    private static BigDecimal rounded(double value, int digits) {
        return BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
