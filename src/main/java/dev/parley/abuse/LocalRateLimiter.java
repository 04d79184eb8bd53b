package dev.parley.abuse;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets in this process. Bounded: when more than {@code maxKeys} buckets exist, the idle
 * ones (full again, or untouched for an hour) are dropped, which forgets nothing that matters.
 */
public final class LocalRateLimiter implements RateLimiter {
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final int maxKeys;

    public LocalRateLimiter(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    @Override
    public long acquire(String key, Limit limit) {
        if (buckets.size() > maxKeys) {
            buckets.values().removeIf(b -> {
                synchronized (b) {
                    return b.idle();
                }
            });
        }
        TokenBucket bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(limit));
        synchronized (bucket) {
            return bucket.take();
        }
    }

    @Override
    public void forget(String key) {
        buckets.remove(key);
    }
}
