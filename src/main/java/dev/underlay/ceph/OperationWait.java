package dev.underlay.ceph;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a backend waits for a Ceph operation before it hands it back still running: pool creates finish in a
 * fraction of a second, pg_num changes take seconds to minutes, and a controller thread must not block that long.
 * Both limits are fixed per backend instance; the loop is bounded by the deadline.
 */
public final class OperationWait {

    /** One look at the operation: true when it is done; throws when it failed. */
    @FunctionalInterface
    public interface Probe {
        boolean finished() throws CephApiException;
    }

    private final Duration limit;
    private final Duration interval;

    public OperationWait(Duration limit, Duration interval) {
        if (limit.isNegative() || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("limit must not be negative and interval must be positive");
        }
        this.limit = limit;
        this.interval = interval;
    }

    /** Wait up to 10 s, looking every 250 ms. */
    public static OperationWait defaults() {
        return new OperationWait(Duration.ofSeconds(10), Duration.ofMillis(250));
    }

    /** Looks at once, then every interval until the probe says done or the limit passes; false on the limit. */
    public boolean until(Probe probe) throws CephApiException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (probe.finished()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(Math.min(left, interval.toNanos()));
            if (Thread.currentThread().isInterrupted()) {
                throw new CephUnavailableException(0, "interrupted while waiting for a Ceph operation");
            }
        }
    }
}
