package dev.underlay.proxmox.rest;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rate limiting with a fake clock: no sleeps, exact waits. */
class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void burstThenSustainedRate() {
        AtomicLong now = new AtomicLong(0);
        TokenBucket bucket = new TokenBucket(10, 3, now::get);

        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isEqualTo(SECOND / 10);
        assertThat(bucket.reserve()).isEqualTo(2 * SECOND / 10);
    }

    @Test
    void refillsWithTimeButNotBeyondTheBurst() {
        AtomicLong now = new AtomicLong(0);
        TokenBucket bucket = new TokenBucket(2, 2, now::get);
        bucket.reserve();
        bucket.reserve();

        now.addAndGet(SECOND / 2);
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isEqualTo(SECOND / 2);

        now.addAndGet(100 * SECOND);
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isEqualTo(SECOND / 2);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, System::nanoTime)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0.5, System::nanoTime))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
