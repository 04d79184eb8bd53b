package dev.parley.cluster;

import dev.parley.abuse.ConnectionLeases;
import dev.parley.abuse.LocalConnectionLeases;
import dev.parley.abuse.RateLimiter;
import dev.parley.abuse.RedisConnectionLeases;
import dev.parley.abuse.RedisRateLimiter;
import dev.parley.config.Config;
import dev.parley.metrics.Metrics;
import dev.parley.protocol.Json;
import dev.parley.realtime.Broker;
import dev.parley.realtime.Hub;
import dev.parley.realtime.Presence;
import dev.parley.realtime.RedisBroker;
import dev.parley.realtime.RedisPresence;
import dev.parley.realtime.Resync;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.util.Optional;

/**
 * Nodes joined through Redis: events fan out over pub/sub (the database stays the source of
 * truth, so feeds are checked against it when quiet), presence is summed over the nodes, and rate
 * limits and connection caps are shared; while Redis is away, each node keeps its own.
 * Every key and channel starts with the configured prefix, so several deployments can share one Redis.
 */
public final class RedisCluster implements Cluster {
    /** How often a node rewrites its connection leases (they expire after three of these). */
    private static final Duration LEASE_REFRESH = Duration.ofSeconds(10);

    private final Config.Cluster.Redis settings;
    private final Redis client;
    private final RedisBroker broker;
    private final RedisPresence presence;
    private final RateLimiter limiter;
    private final ConnectionLeases leases;
    private final RedisConnectionLeases sharedLeases;

    /**
     * {@code localLimiter} is this node's own limiter ({@link RateLimiter#OFF} when limits are off,
     * which stays off); {@code localLeases} null means no connection cap.
     */
    public RedisCluster(Vertx vertx, Config.Cluster.Redis settings, Hub hub, Presence localPresence, Json json,
                        Metrics metrics, Duration presenceEvery, RateLimiter localLimiter,
                        LocalConnectionLeases localLeases) {
        this.settings = settings;
        this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(settings.url())
                .setMaxPoolSize(8).setMaxPoolWaiting(10_000).setMaxWaitingHandlers(10_000)
                .setNetClientOptions(new NetClientOptions().setConnectTimeout(2000).setTcpNoDelay(true)));
        this.broker = new RedisBroker(vertx, hub, client, json, metrics, settings.nodeId(), settings.prefix());
        this.presence = new RedisPresence(vertx, client, localPresence, settings.nodeId(), presenceEvery,
                settings.prefix());
        this.limiter = localLimiter == RateLimiter.OFF ? localLimiter
                : new RedisRateLimiter(client, settings.prefix(), localLimiter);
        this.sharedLeases = localLeases == null ? null
                : new RedisConnectionLeases(vertx, client, settings.prefix(), settings.nodeId(), localLeases, LEASE_REFRESH);
        this.leases = sharedLeases == null ? ConnectionLeases.UNLIMITED : sharedLeases;
    }

    @Override
    public String nodeId() {
        return settings.nodeId();
    }

    @Override
    public Broker broker() {
        return broker;
    }

    @Override
    public RateLimiter rateLimiter() {
        return limiter;
    }

    @Override
    public ConnectionLeases connectionLeases() {
        return leases;
    }

    @Override
    public Resync resync() {
        return Resync.whenQuietFor(settings.resyncEvery());
    }

    @Override
    public Freshness pageFreshness() {
        return Freshness.CHECK_LATEST_SEQ;
    }

    @Override
    public Optional<String> degraded() {
        return broker.connected() ? Optional.empty() : Optional.of("redis unreachable: remote events arrive late");
    }

    @Override
    public void start() {
        broker.start();
        presence.start();
        if (sharedLeases != null) {
            sharedLeases.start();
        }
    }

    @Override
    public void close() {
        presence.stop();
        if (sharedLeases != null) {
            sharedLeases.stop();
        }
        broker.close();
    }
}
