package dev.parley.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every meter Parley exposes, declared in one place, named by Prometheus conventions
 * ({@code parley_} prefix, base units, {@code _total} counters). Hot-path counts (deliveries,
 * frames) are {@link LongAdder}s read only at scrape time, so counting allocates nothing and
 * takes no lock.
 */
public final class Metrics implements AutoCloseable {
    /** Frame types a client sends. */
    public enum In { SUBSCRIBE, UNSUBSCRIBE, POST, PONG, PING, INVALID }

    /** Frame types the server sends. */
    public enum Out { COMMENT, UPDATED, SCORE, SUBSCRIBED, UNSUBSCRIBED, PRESENCE, ACK, ERROR, PING }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public final AtomicLong connections = new AtomicLong();
    /** The event streams among the connections (readers whose proxy blocks WebSocket). */
    public final AtomicLong streams = new AtomicLong();
    public final AtomicLong subscriptions = new AtomicLong();
    public final AtomicLong activeThreads = new AtomicLong();
    /** Bytes waiting in outbound socket queues, summed by each event loop on its heartbeat tick. */
    public final AtomicLong outboundQueueBytes = new AtomicLong();
    public final LongAdder deliveries = new LongAdder();
    private final LongAdder[] framesIn = adders(In.values().length);
    private final LongAdder[] framesOut = adders(Out.values().length);
    public final Counter slowConsumerDisconnects;
    public final Counter heartbeatTimeouts;
    public final Counter gapFills;
    public final Counter postsAccepted;
    public final Counter redisPublishFailures;
    public final Counter requestTimeouts;
    public final Counter connectionsRefused;
    public final Timer postLatency;
    public final Timer deliveryLatency;

    public Metrics() {
        // Two of ProcessorMetrics' names break Prometheus's naming rules (promtool check metrics):
        // process_cpu_time_ns_total (an abbreviated unit) and system_cpu_count (a gauge named like a
        // histogram's count). They are replaced below by process_cpu_seconds_total, Prometheus's
        // own name for it, and system_cpu_cores. A filter must come before any meter.
        registry.config().meterFilter(io.micrometer.core.instrument.config.MeterFilter.deny(id ->
                id.getName().equals("process.cpu.time") || id.getName().equals("system.cpu.count")));
        gauge("parley.connections", connections, "open WebSocket connections and event streams");
        gauge("parley.streams", streams, "open event streams (GET /api/v1/stream), also counted in parley_connections");
        gauge("parley.subscriptions", subscriptions, "thread subscriptions over all connections");
        gauge("parley.active.threads", activeThreads, "threads with at least one reader on this node");
        gauge("parley.outbound.queue.bytes", outboundQueueBytes, "bytes waiting in outbound socket queues");
        FunctionCounter.builder("parley.deliveries", deliveries, LongAdder::sum)
                .description("comment and updated frames written to subscribers").register(registry);
        for (In type : In.values()) {
            FunctionCounter.builder("parley.frames.in", framesIn[type.ordinal()], LongAdder::sum)
                    .tag("type", type.name().toLowerCase(Locale.ROOT))
                    .description("WebSocket frames received, by type").register(registry);
        }
        for (Out type : Out.values()) {
            FunctionCounter.builder("parley.frames.out", framesOut[type.ordinal()], LongAdder::sum)
                    .tag("type", type.name().toLowerCase(Locale.ROOT))
                    .description("WebSocket frames sent, by type").register(registry);
        }
        slowConsumerDisconnects = counter("parley.slow.consumer.disconnects",
                "connections closed with 4008 because their outbound queue overflowed");
        heartbeatTimeouts = counter("parley.heartbeat.timeouts", "connections closed with 4001 for missing a ping");
        gapFills = counter("parley.catchup.fetches", "missing seq ranges read from the database");
        postsAccepted = counter("parley.posts.accepted", "comments committed");
        redisPublishFailures = counter("parley.redis.publish.failures",
                "events not published to Redis (remote nodes catch up from the database)");
        requestTimeouts = counter("parley.http.request.timeouts",
                "HTTP connections closed for not sending a request's head or body in time");
        connectionsRefused = counter("parley.http.connections.refused",
                "TCP connections closed at once: their address already held twice PARLEY_MAX_CONNECTIONS_PER_ADDRESS");
        postLatency = Timer.builder("parley.post.latency")
                .description("from receiving a post to its commit")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        deliveryLatency = Timer.builder("parley.delivery.latency")
                .description("from commit to the frame being written to every local subscriber's socket")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9).baseUnit("seconds")
                    .description("CPU time the process has used").register(registry);
        }
        Gauge.builder("system.cpu.cores", Runtime.getRuntime(), r -> r.availableProcessors())
                .description("processors the JVM may use").register(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public void frameIn(In type) {
        framesIn[type.ordinal()].increment();
    }

    public void frameOut(Out type) {
        framesOut[type.ordinal()].increment();
    }

    public void framesOut(Out type, int n) {
        framesOut[type.ordinal()].add(n);
    }

    /** A post refused, counted by the error code that refused it. */
    public void postRejected(String reason) {
        Counter.builder("parley.posts.rejected").tag("reason", reason).description("posts refused, by error code")
                .register(registry).increment();
    }

    /** What became of a mail to queue: {@code queued}, or the bound that refused it ({@code confirm_rate}, …). */
    public void mailQueued(String outcome) {
        Counter.builder("parley.mail.queued").tag("outcome", outcome)
                .description("mails queued, or not queued by a bound, by outcome").register(registry).increment();
    }

    /** A mail handed to the SMTP server ({@code sent}) or not ({@code failed}: retried later). */
    public void mailSent(boolean ok) {
        Counter.builder("parley.mail.sends").tag("result", ok ? "sent" : "failed")
                .description("attempts to hand a mail to the SMTP server, by result").register(registry).increment();
    }

    /** A thread event handled by a consumer ({@code mail}, {@code webhook}), or failed (retried later). */
    /** {@code result}: done, failed, or skipped (an imported comment's arrival: history, not news). */
    public void relayed(String consumer, String result) {
        Counter.builder("parley.notify.events").tag("consumer", consumer).tag("result", result)
                .description("thread events handled by mail notices and webhooks, by result").register(registry)
                .increment();
    }

    /** Registered only on nodes that fan out through Redis. */
    public void redisConnected(java.util.function.BooleanSupplier connected) {
        Gauge.builder("parley.redis.connected", connected, c -> c.getAsBoolean() ? 1 : 0)
                .description("1 while the Redis subscription connection is up, else 0").strongReference(true)
                .register(registry);
    }

    /** Bytes the page cache holds, as it weighs them. */
    public void pageCacheBytes(java.util.function.LongSupplier bytes) {
        Gauge.builder("parley.page.cache.bytes", bytes, b -> b.getAsLong())
                .description("bytes of first pages cached (bounded by PARLEY_PAGE_CACHE_BYTES)").baseUnit("bytes")
                .strongReference(true).register(registry);
    }

    /** Rate-limit buckets this node keeps in memory. */
    public void rateLimitBuckets(java.util.function.LongSupplier buckets) {
        Gauge.builder("parley.rate.limit.buckets", buckets, b -> b.getAsLong())
                .description("rate-limit buckets held in this node's memory").strongReference(true).register(registry);
    }

    /** A new comment committed; its latency runs from when the edge received it. */
    public void postAccepted(long receivedNanos) {
        postsAccepted.increment();
        postLatency.record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private void gauge(String name, AtomicLong value, String description) {
        Gauge.builder(name, value, AtomicLong::get).description(description).register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] adders = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }
}
