package dev.parley.abuse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Token buckets in this process, bounded without ever scanning them on a request: a bucket is
 * forgotten once it has been untouched for as long as it takes to fill up again (a fresh bucket
 * is then the same thing), and at most {@code maxKeys} are kept (Caffeine evicts the least useful
 * first, in amortized constant time). Under a flood of distinct keys an evicted bucket starts
 * full again: the cost of the bound, and far smaller than a node out of memory.
 */
public final class LocalRateLimiter implements RateLimiter {
    private final Cache<String, TokenBucket> buckets;
    private final Ticker ticker;

    public LocalRateLimiter(int maxKeys) {
        this(maxKeys, Ticker.systemTicker());
    }

    LocalRateLimiter(int maxKeys, Ticker ticker) {
        this.ticker = ticker;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfter(Expiry.accessing((String key, TokenBucket bucket) -> bucket.refillTime()))
                .ticker(ticker)
                .build();
    }

    @Override
    public long acquire(String key, Limit limit) {
        TokenBucket bucket = buckets.get(key, k -> new TokenBucket(limit, ticker::read));
        synchronized (bucket) {
            return bucket.take();
        }
    }

    @Override
    public void forget(String key) {
        buckets.invalidate(key);
    }

    /** Buckets held now (an estimate, as the cache counts them). */
    public long keys() {
        return buckets.estimatedSize();
    }

    void cleanUp() {
        buckets.cleanUp();
    }
}
