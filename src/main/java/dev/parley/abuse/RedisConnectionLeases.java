package dev.parley.abuse;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Connection slots counted over every node. Each address has one Redis hash; each node holds one
 * field in it, {@code count:expiresAtMillis}, its lease. A node refreshes its leases every
 * {@code refreshEvery} with its own counts, so a node that dies stops counting three refreshes
 * later without any cleanup. Taking a slot is one script: sum the live leases, and only if under
 * the cap raise this node's. While Redis cannot answer (250 ms), each node applies the cap to its
 * own connections.
 */
public final class RedisConnectionLeases implements ConnectionLeases {
    private static final String ACQUIRE = """
            local t = redis.call('TIME')
            local now = t[1] * 1000 + math.floor(t[2] / 1000)
            local fields = redis.call('HGETALL', KEYS[1])
            local total = 0
            local mine = 0
            for i = 1, #fields, 2 do
              local count, expires = string.match(fields[i + 1], '(%d+):(%d+)')
              if fields[i] == ARGV[1] then mine = tonumber(count)
              elseif tonumber(expires) > now then total = total + tonumber(count) end
            end
            if total + mine >= tonumber(ARGV[2]) then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], (mine + 1) .. ':' .. (now + tonumber(ARGV[3])))
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """;
    private static final String RELEASE = """
            local t = redis.call('TIME')
            local now = t[1] * 1000 + math.floor(t[2] / 1000)
            local mine = redis.call('HGET', KEYS[1], ARGV[1])
            if not mine then return 0 end
            local count = tonumber(string.match(mine, '(%d+):')) - 1
            if count <= 0 then redis.call('HDEL', KEYS[1], ARGV[1])
            else redis.call('HSET', KEYS[1], ARGV[1], count .. ':' .. (now + tonumber(ARGV[2]))) end
            return count
            """;
    /** This node's count, as it knows it, with a new expiry on Redis's clock. */
    private static final String REFRESH = """
            local t = redis.call('TIME')
            local now = t[1] * 1000 + math.floor(t[2] / 1000)
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. (now + tonumber(ARGV[3])))
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """;
    private static final long TIMEOUT_MILLIS = 250;

    private final Vertx vertx;
    private final Redis redis;
    private final String keyPrefix;
    private final String nodeId;
    private final LocalConnectionLeases local;
    private final long refreshMillis;
    private long timer = -1;

    public RedisConnectionLeases(Vertx vertx, Redis redis, String keyPrefix, String nodeId,
                                 LocalConnectionLeases local, Duration refreshEvery) {
        this.vertx = vertx;
        this.redis = redis;
        this.keyPrefix = keyPrefix + "conn:";
        this.nodeId = nodeId;
        this.local = local;
        this.refreshMillis = refreshEvery.toMillis();
    }

    public void start() {
        timer = vertx.setPeriodic(refreshMillis, id -> refresh());
    }

    public void stop() {
        vertx.cancelTimer(timer);
        List<Request> leave = new ArrayList<>();
        for (String key : local.snapshot().keySet()) {
            leave.add(Request.cmd(Command.HDEL).arg(keyPrefix + key).arg(nodeId));
        }
        if (!leave.isEmpty()) {
            redis.batch(leave);
        }
    }

    @Override
    public Future<Boolean> acquire(String key) {
        if (!local.tryAcquire(key)) {
            return Future.succeededFuture(false); // this node alone is at the cap: no need to ask
        }
        return redis.send(Request.cmd(Command.EVAL).arg(ACQUIRE).arg(1).arg(keyPrefix + key).arg(nodeId)
                        .arg(local.maxPerAddress()).arg(leaseMillis()))
                .map(r -> r.toInteger() == 1)
                .timeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .otherwise(true) // Redis away: this node's own count (taken above) is the cap
                .map(granted -> {
                    if (!granted) {
                        local.release(key);
                    }
                    return granted;
                });
    }

    @Override
    public void release(String key) {
        local.release(key);
        redis.send(Request.cmd(Command.EVAL).arg(RELEASE).arg(1).arg(keyPrefix + key).arg(nodeId).arg(leaseMillis()));
    }

    /** Writes this node's own counts again, with a new expiry: Redis may have lost or missed some. */
    private void refresh() {
        Map<String, Integer> counts = local.snapshot();
        if (counts.isEmpty()) {
            return;
        }
        List<Request> batch = new ArrayList<>(counts.size());
        counts.forEach((key, count) -> batch.add(Request.cmd(Command.EVAL).arg(REFRESH).arg(1).arg(keyPrefix + key)
                .arg(nodeId).arg(count).arg(leaseMillis())));
        redis.batch(batch);
    }

    private long leaseMillis() {
        return 3 * refreshMillis;
    }
}
