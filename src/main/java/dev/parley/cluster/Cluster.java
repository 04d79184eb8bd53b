package dev.parley.cluster;

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
