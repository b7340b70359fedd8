package dev.microdrop.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import dev.microdrop.function.snapstart.SnapStartPriming;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Runs in a fresh JVM whose classpath is one function's Lambda artifact (its classes and {@code lib/*.jar}) plus
 * this class: starts the function as Lambda's Java runtime does ({@code FunctionInvoker}, configured by
 * {@code MAIN_CLASS} and {@code SPRING_CLOUD_FUNCTION_DEFINITION}), optionally runs SnapStart's
 * {@code beforeCheckpoint} hooks as Lambda does before taking the snapshot, then times the first request and the
 * warm ones. Prints one JSON line. {@link Startup} starts it; it is not a test.
 *
 * <p>Arguments: the event file, {@code primed} or {@code unprimed}, the number of warm requests.
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    /**
     * Keeps the function's Spring context for the hooks. {@link Startup} registers it in a
     * {@code META-INF/spring.factories} of its own on the probe's classpath, so the function's code is unchanged.
     */
    public static final class ContextCapture implements ApplicationListener<ContextRefreshedEvent> {

        static volatile ApplicationContext context;

        @Override
        public void onApplicationEvent(ContextRefreshedEvent event) {
            context = event.getApplicationContext();
        }
    }

    public static void main(String[] args) throws Throwable {
        byte[] event = Files.readAllBytes(Path.of(args[0]));
        boolean primed = args[1].equals("primed");
        int warm = Integer.parseInt(args[2]);

        long initStarted = System.nanoTime();
        FunctionInvoker invoker = new FunctionInvoker();
        double initMs = ms(System.nanoTime() - initStarted);
        double primeMs = 0;
        if (primed) {
            long primeStarted = System.nanoTime();
            // What Lambda does before the snapshot and after the restore: the function's SnapStart hooks. A normal
            // JVM cannot checkpoint (and org.crac's global context will not call them), so call them directly, as
            // the *PrimingTest do.
            SnapStartPriming priming = ContextCapture.context.getBean(SnapStartPriming.class);
            priming.beforeCheckpoint(null);
            priming.afterRestore(null);
            primeMs = ms(System.nanoTime() - primeStarted);
        }
        System.gc();
        long heapAfterInit = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

        long firstStarted = System.nanoTime();
        int firstBytes = invoke(invoker, event);
        double firstMs = ms(System.nanoTime() - firstStarted);
        double jvmStartToFirstResponseMs = ManagementFactory.getRuntimeMXBean().getUptime();

        double[] warmMs = new double[warm];
        for (int i = 0; i < warm; i++) {
            long started = System.nanoTime();
            invoke(invoker, event);
            warmMs[i] = ms(System.nanoTime() - started);
        }
        Arrays.sort(warmMs);
        double median = warmMs[warm / 2];
        System.out.println(String.format(Locale.ROOT,
                "{\"primed\":%b,\"jvm_start_to_first_response_ms\":%.0f,\"init_ms\":%.0f,\"prime_ms\":%.0f,"
                        + "\"first_ms\":%.2f,\"warm_median_ms\":%.3f,\"first_over_warm\":%.1f,\"heap_after_init_mb\":%.1f,"
                        + "\"first_response_bytes\":%d}",
                primed, jvmStartToFirstResponseMs, initMs, primeMs, firstMs, median, firstMs / median,
                heapAfterInit / 1048576.0, firstBytes));
        System.exit(0);
    }

    private static int invoke(FunctionInvoker invoker, byte[] event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        invoker.handleRequest(new ByteArrayInputStream(event), out, CONTEXT);
        return out.size();
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static final Context CONTEXT = new Context() {
        @Override public String getAwsRequestId() { return "startup-probe"; }
        @Override public String getLogGroupName() { return "startup-probe"; }
        @Override public String getLogStreamName() { return "startup-probe"; }
        @Override public String getFunctionName() { return "startup-probe"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:probe"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 10_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { }
                @Override public void log(byte[] message) { }
            };
        }
    };
}
