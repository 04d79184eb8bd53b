package dev.parley.abuse;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets in Redis, shared by every node: one Lua script reads, refills and takes a token
 * atomically, with Redis's own clock so node clocks do not matter. Posts call it from worker
 * threads, WebSocket upgrades from the event loop without waiting; either way Redis gets at most
 * 250 ms. When Redis cannot answer, the node falls back to its own local buckets: limits stay on,
 * just per node, until Redis returns.
 */
public final class RedisRateLimiter implements RateLimiter {
    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);
    private static final String SCRIPT = """
            local t = redis.call('TIME')
            local now = t[1] * 1000 + math.floor(t[2] / 1000)
            local burst = tonumber(ARGV[1])
            local every = tonumber(ARGV[2])
            local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(b[1]) or burst
            local at = tonumber(b[2]) or now
            tokens = math.min(burst, tokens + (now - at) / every)
            local wait = 0
            if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * every) end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
            redis.call('PEXPIRE', KEYS[1], math.ceil(burst * every) + 1000)
            return wait
            """;

    private static final long TIMEOUT_MILLIS = 250;

    private final Redis redis;
    private final String keyPrefix;
    private final RateLimiter fallback;

    public RedisRateLimiter(Redis redis, String prefix, RateLimiter fallback) {
        this.redis = redis;
        this.keyPrefix = prefix + "limit:";
        this.fallback = fallback;
    }

    @Override
    public long acquire(String key, Limit limit) {
        try {
            return redis.send(take(key, limit)).toCompletionStage().toCompletableFuture()
                    .get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).toLong();
        } catch (Exception e) {
            return fallBack(key, limit, e);
        }
    }

    @Override
    public Future<Long> acquireLater(String key, Limit limit) {
        return redis.send(take(key, limit)).map(Response::toLong).timeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .otherwise(e -> fallBack(key, limit, e));
    }

    /** Deletes the shared bucket (without waiting for Redis) and this node's fallback one. */
    @Override
    public void forget(String key) {
        fallback.forget(key);
        redis.send(Request.cmd(Command.DEL).arg(keyPrefix + key))
                .onFailure(e -> log.warn("could not forget a shared rate limit (it expires by itself): {}", e.toString()));
    }

    private Request take(String key, Limit limit) {
        return Request.cmd(Command.EVAL).arg(SCRIPT).arg(1).arg(keyPrefix + key)
                .arg(limit.burst()).arg(limit.every().toMillis());
    }

    private long fallBack(String key, Limit limit, Throwable cause) {
        log.debug("shared rate limit unavailable, using this node's: {}", cause.toString());
        return fallback.acquire(key, limit);
    }
}
