package dev.microdrop.bench;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the requests the DynamoDB client really sends, by operation: every attempt that goes on the wire, the
 * SDK's own retries included. Totals are kept for the client and, separately, for the calling thread: the
 * synchronous client runs its interceptors on the caller's thread, so a storm can tell which attempt wrote what.
 */
public final class TableRequests implements ExecutionInterceptor {

    /** Requests that write (and on AWS consume write units, even when their condition fails). */
    static final Set<String> WRITES = Set.of("TransactWriteItems", "PutItem", "UpdateItem", "DeleteItem",
            "BatchWriteItem");
    static final Set<String> READS = Set.of("GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems");

    private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();
    private final ThreadLocal<long[]> onThread = ThreadLocal.withInitial(() -> new long[2]);
    private final AtomicLong lastTransaction = new AtomicLong();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        byOperation.computeIfAbsent(operation, k -> new LongAdder()).increment();
        long[] mine = onThread.get();
        if (WRITES.contains(operation)) {
            mine[1]++;
        } else if (READS.contains(operation)) {
            mine[0]++;
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if ("TransactWriteItems".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            lastTransaction.accumulateAndGet(System.nanoTime(), Math::max);
        }
    }

    /**
     * When the last {@code TransactWriteItems} that succeeded had answered ({@link System#nanoTime()}; 0 if none
     * did). In a checkout storm only holds succeed with one, so this is when the last unit had been taken.
     */
    long lastTransactionNanos() {
        return lastTransaction.get();
    }

    /** Everything sent so far; {@link Count#minus} of two of these counts one phase. */
    public Count total() {
        Map<String, Long> operations = new TreeMap<>();
        byOperation.forEach((operation, count) -> operations.put(operation, count.sum()));
        return new Count(operations);
    }

    /** Reads sent so far by the calling thread. */
    long readsOnThisThread() {
        return onThread.get()[0];
    }

    /** Writes sent so far by the calling thread. */
    long writesOnThisThread() {
        return onThread.get()[1];
    }

    /** Requests by operation name, e.g. {@code TransactWriteItems=512}. */
    public record Count(Map<String, Long> byOperation) {

        public long reads() {
            return sum(READS);
        }

        public long writes() {
            return sum(WRITES);
        }

        /** The requests of {@link #writes()} only, by operation. */
        public Map<String, Long> writesByOperation() {
            Map<String, Long> writes = new TreeMap<>(byOperation);
            writes.keySet().retainAll(WRITES);
            writes.values().removeIf(n -> n == 0);
            return writes;
        }

        public Count minus(Count earlier) {
            Map<String, Long> difference = new TreeMap<>(byOperation);
            earlier.byOperation.forEach((operation, n) -> difference.merge(operation, -n, Long::sum));
            return new Count(difference);
        }

        private long sum(Set<String> operations) {
            return byOperation.entrySet().stream().filter(e -> operations.contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }
}
