package dev.parley.web;

import dev.parley.abuse.ClientAddress;
import dev.parley.abuse.LocalConnectionLeases;
import dev.parley.identity.Identities;
import dev.parley.metrics.Metrics;
import io.netty.channel.Channel;
import io.vertx.core.http.HttpConnection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every new HTTP connection, before its first request: one connection more than its address may
 * hold on this node (twice PARLEY_MAX_CONNECTIONS_PER_ADDRESS) is closed at once (behind trusted proxies the proxy's own connections are not
 * counted: its clients are, at the WebSocket upgrade), and each gets the {@link RequestDeadline}s.
 * The first connection also checks that Vert.x built the pipeline {@link VertxPipeline} expects.
 */
public final class ConnectionGuard {
    private final LocalConnectionLeases open;
    private final ClientAddress clients;
    private final Identities identities;
    private final Metrics metrics;
    private final long headMillis;
    private final long bodyMillis;
    private final long uploadMillis;
    private final AtomicReference<String> pipelineProblem = new AtomicReference<>();
    private volatile boolean pipelineChecked;

    public ConnectionGuard(LocalConnectionLeases open, ClientAddress clients, Identities identities, Metrics metrics,
                           Duration headTimeout, Duration bodyTimeout, Duration uploadTimeout) {
        this.open = open;
        this.clients = clients;
        this.identities = identities;
        this.metrics = metrics;
        this.headMillis = headTimeout.toMillis();
        this.bodyMillis = bodyTimeout.toMillis();
        this.uploadMillis = uploadTimeout.toMillis();
    }

    public void accept(HttpConnection connection) {
        Channel channel = VertxPipeline.channel(connection);
        if (channel == null) {
            return;
        }
        if (!pipelineChecked) {
            pipelineProblem.compareAndSet(null, VertxPipeline.verify(channel));
            pipelineChecked = true;
        }
        String peer = connection.remoteAddress().hostAddress();
        if (!clients.isTrustedProxy(peer)) {
            String key = "tcp:" + identities.addressHash(clients.of(peer, null));
            if (!open.tryAcquire(key)) {
                metrics.connectionsRefused.increment();
                channel.close();
                return;
            }
            channel.closeFuture().addListener(closed -> open.release(key));
        }
        RequestDeadline deadline = new RequestDeadline(headMillis, bodyMillis, uploadMillis, metrics.requestTimeouts::increment);
        VertxPipeline.addDeadline(channel, deadline);
    }

    /** What was wrong with the first connection's pipeline; null if it was as expected (or none came yet). */
    public String pipelineProblem() {
        return pipelineProblem.get();
    }
}
