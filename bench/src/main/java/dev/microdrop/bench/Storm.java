package dev.microdrop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Runs numbered attempts on a fixed number of client threads, all released at once, each thread taking the next
 * attempt as soon as its last one answered (a closed loop: the table's speed sets the pace). Records when each
 * attempt ran, what it answered, and the table requests it sent.
 */
final class Storm {

    /** One attempt: the work of client thread {@code client} for attempt {@code n}; returns an HTTP-like status. */
    @FunctionalInterface
    interface Attempt {
        int run(int client, int n) throws Exception;
    }

    /**
     * What happened: per attempt its start and end ({@link System#nanoTime()}), status, reads and writes; and
     * the storm's own start and end.
     */
    record Result(long startNanos, long endNanos, long[] begun, long[] ended, int[] status, int[] reads,
            int[] writes) {

        int attempts() {
            return status.length;
        }

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        double perSecond() {
            return attempts() / seconds();
        }

        /** Latency of each attempt in nanoseconds. */
        long[] latencies() {
            long[] latencies = new long[attempts()];
            for (int i = 0; i < latencies.length; i++) {
                latencies[i] = ended[i] - begun[i];
            }
            return latencies;
        }

        /** Latency of each attempt that answered {@code wanted}, in nanoseconds. */
        long[] latencies(int wanted) {
            return IntStream.range(0, attempts()).filter(i -> status[i] == wanted)
                    .mapToLong(i -> ended[i] - begun[i]).toArray();
        }

        int count(int wanted) {
            return (int) IntStream.of(status).filter(s -> s == wanted).count();
        }

        /** How many attempts answered each status, e.g. {@code {"201": 500, "409": 9500}}. */
        Map<String, Integer> outcomes() {
            Map<String, Integer> outcomes = new TreeMap<>();
            for (int s : status) {
                outcomes.merge(Integer.toString(s), 1, Integer::sum);
            }
            return outcomes;
        }
    }

    private Storm() {
    }

    static Result run(int attempts, int clients, TableRequests requests, Attempt attempt) throws InterruptedException {
        long[] begun = new long[attempts];
        long[] ended = new long[attempts];
        int[] status = new int[attempts];
        int[] reads = new int[attempts];
        int[] writes = new int[attempts];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(Thread.ofPlatform().name("bench-client-" + c).start(() -> {
                try {
                    start.await();
                    for (int n = next.getAndIncrement(); n < attempts && failure.get() == null;
                            n = next.getAndIncrement()) {
                        long readsBefore = requests.readsOnThisThread();
                        long writesBefore = requests.writesOnThisThread();
                        begun[n] = System.nanoTime();
                        status[n] = attempt.run(client, n);
                        ended[n] = System.nanoTime();
                        reads[n] = (int) (requests.readsOnThisThread() - readsBefore);
                        writes[n] = (int) (requests.writesOnThisThread() - writesBefore);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        long startNanos = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long endNanos = System.nanoTime();
        if (failure.get() != null) {
            throw new IllegalStateException("an attempt failed unexpectedly", failure.get());
        }
        return new Result(startNanos, endNanos, begun, ended, status, reads, writes);
    }
}
