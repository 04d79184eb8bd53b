package dev.parley.abuse;

/** One token bucket. Not thread-safe: confine it to one thread or lock around it. */
public final class TokenBucket {
    private final Limit limit;
    private double tokens;
    private long lastNanos;

    public TokenBucket(Limit limit) {
        this.limit = limit;
        this.tokens = limit.burst();
        this.lastNanos = System.nanoTime();
    }

    /** Takes a token: 0 if there was one, else milliseconds until there will be (nothing taken). */
    public long take() {
        long now = System.nanoTime();
        double perToken = limit.every().toNanos();
        tokens = Math.min(limit.burst(), tokens + (now - lastNanos) / perToken);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) * perToken / 1_000_000));
    }

    /** Full and quiet for an hour: forgetting it changes nothing. */
    boolean idle() {
        return tokens >= limit.burst() || System.nanoTime() - lastNanos > 3_600_000_000_000L;
    }
}
