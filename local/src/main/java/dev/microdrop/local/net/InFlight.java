package dev.microdrop.local.net;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Deliveries under way (an event to its targets, a schedule's firing), each on a virtual thread or on the caller's,
 * counted so that a test or a caller can wait until all of them have succeeded or given up.
 */
public final class InFlight implements AutoCloseable {

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Object idle = new Object();
    private int running;

    /**
     * Runs {@code work} on a thread of its own.
     *
     * @return false if it was not started because this is shutting down
     */
    public boolean later(Runnable work) {
        started();
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } finally {
                    done();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            done();
            return false;
        }
    }

    /** Runs {@code work} on the calling thread, counted like the others. */
    public void now(Runnable work) {
        started();
        try {
            work.run();
        } finally {
            done();
        }
    }

    /** Waits until every piece of work started so far has finished; false if {@code timeout} passed first. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
            return true;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void started() {
        synchronized (idle) {
            running++;
        }
    }

    private void done() {
        synchronized (idle) {
            if (--running == 0) {
                idle.notifyAll();
            }
        }
    }
}
