package dev.parley;

import dev.parley.abuse.ClientAddress;
import dev.parley.abuse.Limit;
import dev.parley.abuse.LocalRateLimiter;
import dev.parley.abuse.RateLimiter;
import dev.parley.abuse.RedisRateLimiter;
import dev.parley.comment.CommentService;
import dev.parley.comment.Guard;
import dev.parley.identity.AddressHasher;
import dev.parley.identity.AdminTokenThrottle;
import dev.parley.identity.AuthorTokens;
import dev.parley.identity.Identities;
import dev.parley.identity.ServerSecret;
import dev.parley.identity.SsoSites;
import dev.parley.identity.SsoTokens;
import dev.parley.moderation.Moderation;
import dev.parley.store.JdbcModerationStore;
import dev.parley.web.AdminApi;
import dev.parley.comment.Markdown;
import dev.parley.config.Config;
import dev.parley.config.ConfigException;
import dev.parley.metrics.Metrics;
import dev.parley.protocol.Frames;
import dev.parley.protocol.Json;
import dev.parley.realtime.Broker;
import dev.parley.realtime.Connection;
import dev.parley.realtime.Hub;
import dev.parley.realtime.Interest;
import dev.parley.realtime.LocalBroker;
import dev.parley.realtime.Presence;
import dev.parley.realtime.RealtimeSettings;
import dev.parley.realtime.RedisBroker;
import dev.parley.realtime.RedisPresence;
import dev.parley.realtime.Shard;
import dev.parley.store.Database;
import dev.parley.store.JdbcCommentStore;
import dev.parley.web.CommentsApi;
import dev.parley.web.Cors;
import dev.parley.web.Health;
import dev.parley.web.HttpErrors;
import dev.parley.web.ModeratorGate;
import dev.parley.web.OriginCheck;
import dev.parley.web.PageCache;
import dev.parley.web.Routes;
import dev.parley.web.WidgetFiles;
import dev.parley.web.WsEndpoint;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: every component is built here with {@code new}, in start order, and
 * stopped in reverse. Nothing is static, so several Apps can run in one JVM (tests do).
 */
public final class App {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    /** Edits and deletions per address and per author (PARLEY_EDIT_BURST, PARLEY_EDIT_EVERY, not read yet). */
    private static final Limit CHANGES = new Limit(5, Duration.ofSeconds(3));
    /**
     * Wrong tokens per address on the paths that take the moderator token, then one try per
     * interval (PARLEY_ADMIN_FAILURE_BURST, PARLEY_ADMIN_FAILURE_EVERY, not read yet).
     */
    private static final Limit ADMIN_FAILURES = new Limit(10, Duration.ofSeconds(10));

    private final Config config;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean bansExist = new AtomicBoolean(true);
    private final List<EventLoopServer> servers = new ArrayList<>();
    private Metrics metrics;
    private Database database;
    private Broker broker;
    private RedisPresence redisPresence;
    private Redis redis;
    private Vertx vertx;
    private WorkerExecutor worker;
    private int port;

    public App(Config config) {
        this.config = config;
    }

    /** Starts the node and returns once it listens. */
    public synchronized App start() {
        metrics = new Metrics();
        Json json = new Json();
        Frames frames = new Frames(json);
        database = new Database(new Database.Settings(config.store().dataDir(), config.store().databaseUrl(),
                config.store().poolSize()), metrics.registry());
        JdbcCommentStore store = new JdbcCommentStore(database);
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.http().eventLoops())
                .setPreferNativeTransport(true));
        worker = vertx.createSharedWorkerExecutor("parley-worker", config.store().workerThreads(),
                30, TimeUnit.SECONDS);
        PageCache pages = new PageCache(10_000, Duration.ofMinutes(10), config.cluster().redis());
        Hub hub = new Hub(frames, pages::changed);
        Presence presence = new Presence();
        broker = broker(config.cluster(), hub, json, presence);
        Interest interest = new Interest(broker, metrics);

        Config.Trust trust = config.trust();
        ServerSecret secret = ServerSecret.load(trust.secret(), config.store().dataDir());
        Identities identities = new Identities(new AuthorTokens(secret),
                new SsoTokens(ssoSites(trust), json, Clock.systemUTC()), new AddressHasher(secret), secret,
                config.moderation().adminToken());
        store.ownLegacyReservations(user -> identities.ssoAuthorId(SsoSites.LEGACY_SCOPE, user));
        RateLimiter limiter = rateLimiter(trust);
        Guard guard = new Guard(store, limiter, new Guard.Rules(
                new Limit(trust.postBurst(), trust.postEvery()), new Limit(trust.postBurst(), trust.postEvery()),
                trust.maxLinks(), Duration.ofMinutes(10), CHANGES, CHANGES));
        CommentService comments = new CommentService(store, new Markdown(), broker, guard, trust.editWindow(),
                Clock.systemUTC());
        AdminTokenThrottle adminThrottle = new AdminTokenThrottle(limiter, ADMIN_FAILURES, 10_000);
        Moderation moderation = new Moderation(new JdbcModerationStore(database, store), broker, (author, ip) -> {
            bansExist.set(true);
            broker.announceBan(author, ip);
        }, (author, ipHashes) -> {
            guard.forget(author, ipHashes);
            ipHashes.forEach(adminThrottle::forget);
        }, Clock.systemUTC());
        scheduleAddressHashRetention(moderation, trust.ipHashRetention());
        watchBans(moderation);

        OriginCheck origins = new OriginCheck(config.http().allowedOrigins());
        ClientAddress clients = new ClientAddress(trust.trustedProxies());
        HttpErrors errors = new HttpErrors(frames);
        ModeratorGate gate = new ModeratorGate(identities, adminThrottle, errors);
        CommentsApi api = new CommentsApi(comments, presence::online, worker, json, frames, errors, identities,
                clients, moderation, metrics, pages, gate);
        Routes routes = new Routes(api, new AdminApi(moderation, gate, api, frames), new Cors(origins), origins,
                errors, this::readiness, WidgetFiles.load(), metrics::scrape, config.http().maxBodyBytes());
        RealtimeSettings realtime = realtimeSettings(config.realtime(),
                config.cluster().redis() ? config.cluster().resyncEvery() : null,
                trust.rateLimits() ? new Limit(trust.subscribeBurst(), trust.subscribeEvery()) : null);
        Limit connectLimit = new Limit(trust.connectBurst(), trust.connectEvery());

        port = config.http().port() == 0 ? freePort() : config.http().port();
        HttpServerOptions options = httpOptions(config, port);
        int instances = config.http().eventLoops();
        await(vertx.deployVerticle(() -> {
            EventLoopServer server = new EventLoopServer(options, routes,
                    context -> new Shard(vertx, context, hub, interest, presence, comments, worker, frames, metrics,
                            realtime),
                    shard -> new WsEndpoint(new Connection(shard, json, identities), origins, errors, draining::get,
                            clients, identities, limiter, connectLimit, comments, worker, bansExist::get));
            synchronized (servers) {
                servers.add(server);
            }
            return server;
        }, new DeploymentOptions().setInstances(instances)));
        log.info("parley listening on port {} ({} event loops, {} transport, database {})", port, instances,
                vertx.isNativeTransportEnabled() ? "epoll" : "nio", database.dialect());
        return this;
    }

    /**
     * Post and connection limits: shared through Redis on a cluster, in-process on one node, or
     * none at all. Keys carry what they count ("connect:", "post:..."), so one limiter serves both.
     */
    private RateLimiter rateLimiter(Config.Trust trust) {
        if (!trust.rateLimits()) {
            log.warn("*** PARLEY_RATE_LIMITS=off: every rate limit is disabled. Never run a public site like this. ***");
            return RateLimiter.OFF;
        }
        LocalRateLimiter local = new LocalRateLimiter(100_000);
        return redis == null ? local : new RedisRateLimiter(redis, local);
    }

    /**
     * The SSO sites. Until the settings table parses {@code PARLEY_SSO_SECRET} with
     * {@link SsoSites#parse(String, String)}, the loader's comma list is joined back into its text;
     * {@code PARLEY_SSO_LEGACY_SITE} is not read yet (none).
     */
    private static SsoSites ssoSites(Config.Trust trust) {
        SsoSites sites;
        try {
            sites = SsoSites.parse(String.join(",", trust.ssoSecrets()), "");
        } catch (IllegalArgumentException e) {
            throw new ConfigException("PARLEY_SSO_SECRET: " + e.getMessage());
        }
        if (sites.bareSecrets() > 1) {
            log.warn("PARLEY_SSO_SECRET has {} secrets without a site name: their users share one space of ids."
                    + " If they belong to different sites, name each (site=secret).", sites.bareSecrets());
        }
        return sites;
    }

    /**
     * Whether any ban is active, refreshed every second (and at once after a ban on this node):
     * with none, a WebSocket upgrade needs no database read. Posts always check bans themselves.
     */
    private void watchBans(Moderation moderation) {
        bansExist.set(true);
        vertx.setPeriodic(0, 1000, id -> worker.executeBlocking(() -> !moderation.bans().isEmpty(), false)
                .onSuccess(bansExist::set));
    }

    /** Forgets old address hashes hourly (more often for retentions shorter than two hours). */
    private void scheduleAddressHashRetention(Moderation moderation, Duration retention) {
        long every = Math.max(100, Math.min(Duration.ofHours(1).toMillis(), retention.toMillis() / 2));
        vertx.setPeriodic(every, every, id -> worker.executeBlocking(
                () -> moderation.forgetOldAddressHashes(retention), false)
                .onFailure(failure -> log.warn("address hash retention failed: {}", failure.toString())));
    }

    public int port() {
        return port;
    }

    public Metrics metrics() {
        return metrics;
    }

    /**
     * Graceful stop: refuse new sockets, close every socket with 1012 so clients reconnect (to
     * any node) and replay, wait for them to close, then stop serving and close the pool.
     */
    public synchronized void stop() {
        if (vertx == null) {
            return;
        }
        draining.set(true);
        List<Future<Void>> drains = new ArrayList<>();
        synchronized (servers) {
            for (EventLoopServer server : servers) {
                drains.add(server.shard().drain());
            }
        }
        try {
            Future.all(drains).toCompletionStage().toCompletableFuture()
                    .get(config.http().drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("drain did not finish within {}: closing the rest", config.http().drainTimeout());
        }
        if (redisPresence != null) {
            redisPresence.stop();
        }
        broker.close();
        await(vertx.close());
        database.close();
        metrics.close();
        vertx = null;
        log.info("parley stopped");
    }

    /** Picks the broker: in-process on a single node, Redis pub/sub when a Redis URL is set. */
    private Broker broker(Config.Cluster cluster, Hub hub, Json json, Presence presence) {
        if (!cluster.redis()) {
            return new LocalBroker(hub);
        }
        String nodeId = cluster.nodeId().isEmpty()
                ? "node-" + java.util.UUID.randomUUID().toString().substring(0, 8) : cluster.nodeId();
        redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(cluster.redisUrl())
                .setMaxPoolSize(8).setMaxPoolWaiting(10_000).setMaxWaitingHandlers(10_000)
                .setNetClientOptions(new NetClientOptions().setConnectTimeout(2000).setTcpNoDelay(true)));
        RedisBroker redisBroker = new RedisBroker(vertx, hub, redis, json, metrics, nodeId);
        redisBroker.start();
        redisPresence = new RedisPresence(vertx, redis, presence, nodeId, config.realtime().presenceEvery());
        redisPresence.start();
        log.info("scale-out: node {} fans out through Redis", nodeId);
        if (config.trust().secret().isEmpty()) {
            log.warn("PARLEY_SECRET is not set: this node generated its own, so author tokens, bans by address and"
                    + " shared rate limits will not work across nodes. Give every node the same PARLEY_SECRET.");
        }
        return redisBroker;
    }

    private Future<Health.Readiness> readiness() {
        if (draining.get()) {
            return Future.succeededFuture(Health.Readiness.notReady("draining"));
        }
        return worker.executeBlocking(() -> {
            try (var c = database.dataSource().getConnection()) {
                if (!c.isValid(2)) {
                    return Health.Readiness.notReady("storage unreachable");
                }
            } catch (java.sql.SQLException e) {
                return Health.Readiness.notReady("storage unreachable");
            }
            if (broker instanceof RedisBroker redis && !redis.connected()) {
                return Health.Readiness.degraded("redis unreachable: remote events arrive late");
            }
            return Health.Readiness.ok();
        }, false);
    }

    private static RealtimeSettings realtimeSettings(Config.Realtime r, Duration resyncEvery, Limit subscribeLimit) {
        return new RealtimeSettings(r.maxFrameBytes(), r.pingEvery(), r.pongTimeout(), r.maxSubscriptions(), r.outboxBytes(),
                r.replayLimit(), r.presenceEvery(), r.gapWait(), resyncEvery, subscribeLimit);
    }

    private static HttpServerOptions httpOptions(Config config, int port) {
        int maxFrame = config.realtime().maxFrameBytes();
        // Compression off: permessage-deflate has no cap on the inflated size and costs CPU per
        // subscriber. Frames over the limit are closed with 1009 by the Connection.
        return new HttpServerOptions()
                .setHost(config.http().host())
                .setPort(port)
                .setMaxWebSocketFrameSize(maxFrame)
                .setMaxWebSocketMessageSize(maxFrame)
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setCompressionSupported(false)
                // No HTTP/2 cleartext upgrade: a proxy forwarding "Upgrade: h2c" would hang clients.
                .setHttp2ClearTextEnabled(false)
                .setTcpNoDelay(true)
                .setSendBufferSize(config.http().sendBufferBytes())
                .setReuseAddress(true);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("start-up step failed: " + e.getMessage(), e);
        }
    }
}
