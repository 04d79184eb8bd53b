package dev.parley.abuse;

import java.util.function.LongSupplier;

/** One token bucket. Not thread-safe: confine it to one thread or lock around it. */
public final class TokenBucket {
    private final Limit limit;
    private final LongSupplier nanos;
    private double tokens;
    private long lastNanos;

    public TokenBucket(Limit limit) {
        this(limit, System::nanoTime);
    }

    TokenBucket(Limit limit, LongSupplier nanos) {
        this.limit = limit;
        this.nanos = nanos;
        this.tokens = limit.burst();
        this.lastNanos = nanos.getAsLong();
    }

    /** How long an untouched bucket takes to be full again: after that it is as good as new. */
    java.time.Duration refillTime() {
        return limit.every().multipliedBy(limit.burst());
    }

    /** Takes a token: 0 if there was one, else milliseconds until there will be (nothing taken). */
    public long take() {
        long now = nanos.getAsLong();
        double perToken = limit.every().toNanos();
        tokens = Math.min(limit.burst(), tokens + (now - lastNanos) / perToken);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) * perToken / 1_000_000));
    }
}
