package dev.underlay.proxmox.rest;

import java.util.function.LongSupplier;

/**
 * Token bucket with reservations: {@link #reserve()} takes a token and returns how long the caller must wait
 * before using it (0 while the burst lasts). Waiting callers queue up at the sustained rate instead of all
 * waking at once. Time comes from a supplier so tests need no real clock.
 */
final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double ratePerNano;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    TokenBucket(double perSecond, double burst, LongSupplier nanoTime) {
        if (!(perSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        this.ratePerNano = perSecond / NANOS_PER_SECOND;
        this.capacity = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    /** Takes one token; returns the nanoseconds to wait until it is valid. */
    synchronized long reserve() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
        last = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerNano);
    }
}
