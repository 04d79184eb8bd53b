package dev.parley.cluster;

import dev.parley.abuse.LocalConnectionLeases;
import dev.parley.config.Config;
import dev.parley.metrics.Metrics;
import dev.parley.protocol.Json;
import dev.parley.realtime.Hub;
import dev.parley.realtime.Presence;
import io.vertx.core.Vertx;
import org.slf4j.LoggerFactory;
import dev.parley.abuse.ConnectionLeases;
import dev.parley.abuse.RateLimiter;
import dev.parley.realtime.Broker;
import dev.parley.realtime.Resync;
import java.util.Optional;

/**
 * What the nodes of one deployment share, chosen once in the composition root: a node alone
 * ({@link SingleNode}) or nodes joined through Redis ({@link RedisCluster}). Each component gets
 * the piece it needs from here, so nothing else asks "is Redis on?".
 */
public sealed interface Cluster extends AutoCloseable permits SingleNode, RedisCluster {

    /** How a cached first page may be trusted (see web.PageCache). */
    enum Freshness {
        /** Every commit passes through this node before it is answered: the cache is exact. */
        EXACT,
        /** Other nodes commit too: a cached page is served after a one-row check of the thread's seq. */
        CHECK_LATEST_SEQ
    }

    /**
     * The one choice between a node alone and nodes joined through Redis, started. {@code local}
     * is this node's own rate limiter (Redis limits fall back to it while Redis is away).
     */
    static Cluster start(Config config, Vertx vertx, Hub hub, Presence presence, Json json, Metrics metrics,
                         RateLimiter local) {
        Config.Limits limits = config.trust().limits();
        LocalConnectionLeases leases = limits.on() ? new LocalConnectionLeases(limits.connectionsPerAddress()) : null;
        Cluster chosen = switch (config.cluster()) {
            case Config.Cluster.Single single -> new SingleNode(single.nodeId(), hub, local,
                    leases == null ? ConnectionLeases.UNLIMITED : leases);
            case Config.Cluster.Redis redis -> {
                LoggerFactory.getLogger(Cluster.class).info("scale-out: node {} fans out through Redis", redis.nodeId());
                yield new RedisCluster(vertx, redis, hub, presence, json, metrics, config.realtime().presenceEvery(),
                        local, leases);
            }
        };
        chosen.start();
        return chosen;
    }

    String nodeId();

    /** Carries committed events to every node with readers of the thread. */
    Broker broker();

    /** Rate limits: shared by the nodes, or this node's own. */
    RateLimiter rateLimiter();

    /** Open connections per address: counted over the nodes, or on this node. */
    ConnectionLeases connectionLeases();

    /** When live feeds check the database for events the broker may have dropped. */
    Resync resync();

    Freshness pageFreshness();

    /** Why the node works with reduced guarantees right now (e.g. Redis away), if it does. */
    Optional<String> degraded();

    /** Starts the shared parts (connections to Redis, presence reports); returns at once. */
    void start();

    @Override
    void close();
}
