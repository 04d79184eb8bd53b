package dev.parley.cluster;

import dev.parley.abuse.ConnectionLeases;
import dev.parley.abuse.RateLimiter;
import dev.parley.realtime.Broker;
import dev.parley.realtime.Hub;
import dev.parley.realtime.LocalBroker;
import dev.parley.realtime.Resync;
import java.util.Optional;

/** One node alone: events fan out in process, limits and connection counts are this node's own. */
public final class SingleNode implements Cluster {
    private final String nodeId;
    private final LocalBroker broker;
    private final RateLimiter limiter;
    private final ConnectionLeases leases;

    public SingleNode(String nodeId, Hub hub, RateLimiter limiter, ConnectionLeases leases) {
        this.nodeId = nodeId;
        this.broker = new LocalBroker(hub);
        this.limiter = limiter;
        this.leases = leases;
    }

    @Override
    public String nodeId() {
        return nodeId;
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

    /** In-process delivery loses nothing: no feed needs checking against the database. */
    @Override
    public Resync resync() {
        return Resync.NEVER;
    }

    @Override
    public Freshness pageFreshness() {
        return Freshness.EXACT;
    }

    @Override
    public Optional<String> degraded() {
        return Optional.empty();
    }

    @Override
    public void start() {
    }

    @Override
    public void close() {
    }
}
