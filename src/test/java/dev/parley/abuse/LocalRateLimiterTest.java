package dev.parley.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = nanos::get;
    private final Limit twoASecond = new Limit(2, Duration.ofSeconds(1));

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void aBurstThenOneEveryInterval() {
        LocalRateLimiter limiter = new LocalRateLimiter(100, ticker);
        assertThat(limiter.acquire("k", twoASecond)).isZero();
        assertThat(limiter.acquire("k", twoASecond)).isZero();
        assertThat(limiter.acquire("k", twoASecond)).isEqualTo(1000);
        advance(Duration.ofMillis(500));
        assertThat(limiter.acquire("k", twoASecond)).isEqualTo(500);
        advance(Duration.ofMillis(500));
        assertThat(limiter.acquire("k", twoASecond)).isZero();
    }

    @Test
    void aBucketUntouchedUntilItWouldBeFullIsForgotten() {
        LocalRateLimiter limiter = new LocalRateLimiter(100, ticker);
        limiter.acquire("k", twoASecond);
        limiter.acquire("k", twoASecond);
        advance(Duration.ofMillis(1999));
        limiter.cleanUp();
        assertThat(limiter.keys()).as("still refilling: kept").isEqualTo(1);
        advance(Duration.ofMillis(2001));
        limiter.cleanUp();
        assertThat(limiter.keys()).as("full again: forgotten").isZero();
        assertThat(limiter.acquire("k", twoASecond)).isZero();
        assertThat(limiter.acquire("k", twoASecond)).isZero();
    }

    @Test
    void aFloodOfDistinctKeysKeepsAtMostTheBound() {
        LocalRateLimiter limiter = new LocalRateLimiter(1_000, ticker);
        for (int i = 0; i < 20_000; i++) {
            limiter.acquire("post:ip:" + i, twoASecond);
        }
        limiter.cleanUp();
        assertThat(limiter.keys()).isLessThanOrEqualTo(1_000);
    }
}
