package dev.underlay.ceph.dashboard;

import dev.underlay.ceph.CephUnavailableException;

import java.util.concurrent.locks.LockSupport;

/**
 * Spaces request starts at least {@code 1/perSecond} apart, so a busy operator cannot flood a manager daemon that
 * also serves the Ceph cluster. Reservations queue callers in arrival order instead of waking them all at once.
 */
final class RequestPacing {

    private final long gapNanos;
    private long next = System.nanoTime();

    RequestPacing(double perSecond) {
        this.gapNanos = (long) (1_000_000_000L / perSecond);
    }

    void awaitTurn() throws CephUnavailableException {
        long start;
        synchronized (this) {
            long now = System.nanoTime();
            start = Math.max(now, next);
            next = start + gapNanos;
        }
        long wait;
        while ((wait = start - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) {
                throw new CephUnavailableException(0, "interrupted while waiting for the Dashboard rate limit");
            }
        }
    }
}
