package dev.parley.abuse;

/**
 * Token buckets by key. {@link #acquire} returns 0 when a token was taken, else how many
 * milliseconds until one will be there (the request is refused and nothing is taken).
 */
public interface RateLimiter {
    long acquire(String key, Limit limit);

    /** The limiter that never refuses ({@code PARLEY_RATE_LIMITS=off}). */
    RateLimiter OFF = (key, limit) -> 0;
}
