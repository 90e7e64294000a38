package dev.underlay.proxmox.rest;

import dev.underlay.proxmox.TransientException;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Per-cluster protection for pveproxy: at most {@code maxConcurrent} requests in flight and a sustained rate of
 * {@code perSecond} (bursts of the same size). A busy operator queues here instead of flooding the cluster; a
 * caller that cannot get a slot within {@code maxWait} gets a {@link TransientException}.
 */
final class RequestLimiter {

    private final int maxConcurrent;
    private final Semaphore inFlight;
    private final TokenBucket rate;
    private final Duration maxWait;

    RequestLimiter(int maxConcurrent, double perSecond, Duration maxWait) {
        this.maxConcurrent = maxConcurrent;
        this.inFlight = new Semaphore(maxConcurrent, true);
        this.rate = new TokenBucket(perSecond, Math.max(1, perSecond), System::nanoTime);
        this.maxWait = maxWait;
    }

    /** Blocks until a request may start; the returned permit must be closed when the answer is in. */
    Permit acquire() throws TransientException {
        long wait = rate.reserve();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        try {
            if (!inFlight.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TransientException(
                        0,
                        "client-side limit of " + maxConcurrent + " concurrent requests still saturated after "
                                + maxWait.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientException(0, "interrupted while waiting for a request slot", e);
        }
        return inFlight::release;
    }

    /** Callers waiting for a concurrency slot right now. */
    int queued() {
        return inFlight.getQueueLength();
    }

    /** Releases the slot; idempotence is not needed because the transport closes it exactly once. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
