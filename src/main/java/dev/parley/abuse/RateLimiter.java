package dev.parley.abuse;

import io.vertx.core.Future;

/**
 * Token buckets by key. {@link #acquire} returns 0 when a token was taken, else how many
 * milliseconds until one will be there (the request is refused and nothing is taken).
 */
public interface RateLimiter {
    long acquire(String key, Limit limit);

    /**
     * The same, for a caller on an event loop, which must not wait: buckets in this process answer
     * with a future already complete, shared ones when their store answers.
     */
    default Future<Long> acquireLater(String key, Limit limit) {
        return Future.succeededFuture(acquire(key, limit));
    }

    /** Drops what is counted under this key (an erasure: keys name authors and address hashes). */
    void forget(String key);

    /** The limiter that never refuses ({@code PARLEY_RATE_LIMITS=off}). */
    RateLimiter OFF = new RateLimiter() {
        @Override
        public long acquire(String key, Limit limit) {
            return 0;
        }

        @Override
        public void forget(String key) {
        }
    };
}
