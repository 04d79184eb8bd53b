package dev.parley.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every meter Parley exposes, declared in one place. Hot-path counts (deliveries, frames) are plain
 * {@link LongAdder}s read by the registry only at scrape time, so counting costs no allocation.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public final AtomicLong connections = new AtomicLong();
    public final AtomicLong subscriptions = new AtomicLong();
    public final LongAdder deliveries = new LongAdder();
    public final LongAdder framesIn = new LongAdder();
    public final Counter slowConsumerDisconnects;
    public final Counter heartbeatTimeouts;
    public final Counter gapFills;
    public final Counter postsAccepted;
    public final Counter postsRejected;

    public Metrics() {
        Gauge.builder("parley_connections", connections, AtomicLong::get)
                .description("open WebSocket connections").register(registry);
        Gauge.builder("parley_subscriptions", subscriptions, AtomicLong::get)
                .description("thread subscriptions over all connections").register(registry);
        FunctionCounter.builder("parley_deliveries", deliveries, LongAdder::sum)
                .description("event frames written to subscribers").register(registry);
        FunctionCounter.builder("parley_frames_in", framesIn, LongAdder::sum)
                .description("WebSocket frames received").register(registry);
        slowConsumerDisconnects = Counter.builder("parley_slow_consumer_disconnects")
                .description("connections closed with 4008 because their outbound queue overflowed")
                .register(registry);
        heartbeatTimeouts = Counter.builder("parley_heartbeat_timeouts")
                .description("connections closed with 4001 for not answering a ping").register(registry);
        gapFills = Counter.builder("parley_gap_fills")
                .description("times a missing seq range was fetched from the database").register(registry);
        postsAccepted = Counter.builder("parley_posts_accepted").description("comments committed").register(registry);
        postsRejected = Counter.builder("parley_posts_rejected").description("posts refused").register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }
}
