package dev.parley;

import static dev.parley.config.Setting.DATABASE_URL;
import static dev.parley.config.Setting.DATA_DIR;
import static dev.parley.config.Setting.SECRET;

import dev.parley.abuse.ClientAddress;
import dev.parley.abuse.LocalConnectionLeases;
import dev.parley.abuse.LocalRateLimiter;
import dev.parley.abuse.RateLimiter;
import dev.parley.cluster.Cluster;
import dev.parley.comment.CommentService;
import dev.parley.comment.EventPublisher;
import dev.parley.comment.Markdown;
import dev.parley.config.Config;
import dev.parley.identity.AddressHasher;
import dev.parley.identity.AuthorTokens;
import dev.parley.identity.Identities;
import dev.parley.identity.ServerSecret;
import dev.parley.identity.SsoSites;
import dev.parley.identity.SsoTokens;
import dev.parley.logging.LogContext;
import dev.parley.metrics.Metrics;
import dev.parley.moderation.Moderation;
import dev.parley.protocol.Frames;
import dev.parley.posting.Posting;
import dev.parley.protocol.Json;
import dev.parley.realtime.Hub;
import dev.parley.realtime.Interest;
import dev.parley.realtime.Presence;
import dev.parley.realtime.RealtimeSettings;
import dev.parley.realtime.Realtime;
import dev.parley.realtime.VertxShardLoop;
import dev.parley.store.Database;
import dev.parley.site.Sites;
import dev.parley.store.JdbcCommentStore;
import dev.parley.store.Reservations;
import dev.parley.store.JdbcTransferStore;
import dev.parley.transfer.Backup;
import dev.parley.transfer.Importer;
import dev.parley.web.AdminApi;
import dev.parley.web.CommentsApi;
import dev.parley.web.ConnectionGuard;
import dev.parley.web.ConnectionGate;
import dev.parley.web.Cors;
import dev.parley.web.FeedApi;
import dev.parley.web.HttpErrors;
import dev.parley.web.ModeratorGate;
import dev.parley.web.NotifyApi;
import dev.parley.web.SiteOrigins;
import dev.parley.web.SiteParam;
import dev.parley.web.SitesApi;
import dev.parley.web.PageCache;
import dev.parley.web.ReadLimit;
import dev.parley.web.RequestDrain;
import dev.parley.web.Routes;
import dev.parley.web.TransferApi;
import dev.parley.web.WidgetFiles;
import dev.parley.web.VotesApi;
import dev.parley.web.StreamEndpoint;
import dev.parley.web.WsEndpoint;
import dev.parley.protocol.VoteFrames;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
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
    /** Rate-limit buckets kept in memory: at ~200 bytes each, about 20 MiB at most. */
    private static final int MAX_BUCKETS = 100_000;
    private Notifications notifications;

    private final Config config;
    private final AtomicBoolean draining = new AtomicBoolean();
    private Metrics metrics;
    private Database database;
    private Cluster cluster;
    private Vertx vertx;
    private WorkerExecutor worker;
    private Listeners listeners;
    private RequestDrain requests;
    private Housekeeping housekeeping;
    private Routes routes;

    public App(Config config) {
        this.config = config;
    }

    /**
     * Starts the node and returns once it listens. A failure stops what was started and throws a
     * {@link StartupException} naming the setting to look at.
     */
    public synchronized App start() {
        try {
            build();
            return this;
        } catch (RuntimeException e) {
            release();
            throw e instanceof StartupException startup ? startup : new StartupException(
                    config.store().databaseUrl().isEmpty() ? DATA_DIR : DATABASE_URL, "start-up failed: "
                    + StartupException.describe(e), e);
        }
    }

    private void build() {
        metrics = new Metrics();
        Json json = new Json();
        Frames frames = new Frames(json);
        database = StartupException.step(config.store().databaseUrl().isEmpty() ? DATA_DIR : DATABASE_URL,
                "cannot open the database", () -> new Database(new Database.Settings(config.store().dataDir(),
                        config.store().databaseUrl(), config.store().poolSize()), metrics.registry()));
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.http().eventLoops())
                .setPreferNativeTransport(true));
        worker = vertx.createSharedWorkerExecutor("parley-worker", config.store().workerThreads(), 30, TimeUnit.SECONDS);
        housekeeping = new Housekeeping(vertx, worker);
        StartupWarnings.check(config);
        PageCache pages = new PageCache(config.realtime().pageCacheBytes(), Duration.ofMinutes(10));
        metrics.pageCacheBytes(pages::weight);
        Config.Trust trust = config.trust();
        ServerSecret secret = StartupException.step(trust.secret().isEmpty() ? DATA_DIR : SECRET,
                "cannot read or create the secret", () -> ServerSecret.load(trust.secret(), config.store().dataDir()));
        AuthorTokens authorTokens = new AuthorTokens(secret);
        JdbcCommentStore store = new JdbcCommentStore(database, authorTokens::publicKey);
        notifications = new Notifications(config, database, metrics, authorTokens::publicKey,
                thread -> store.stats(thread).seq());
        Hub hub = new Hub(frames, (thread, seq) -> {
            pages.changed(thread, seq);
            notifications.feeds().changed(thread);
        });
        Presence presence = new Presence();
        RateLimiter localLimiter = localLimiter(config.trust().limits());
        cluster = Cluster.start(config, vertx, hub, presence, json, metrics, localLimiter);
        LogContext.node(cluster.nodeId());
        Interest interest = new Interest(cluster.broker(), metrics);

        notifications.start(secret, json);
        EventPublisher publisher = notifications.publisher(cluster.broker());
        Identities identities = new Identities(authorTokens,
                new SsoTokens(trust.sso(), json, Clock.systemUTC()), new AddressHasher(secret), secret,
                config.moderation().adminToken());
        new Reservations(database).ownLegacy(user -> identities.ssoAuthorId(SsoSites.LEGACY_SCOPE, user));
        RateLimiter limiter = cluster.rateLimiter();
        Config.Limits limits = trust.limits();
        CommentServices services = new CommentServices(config, database, store, limiter, publisher, cluster.broker(),
                housekeeping::banned);
        CommentService comments = services.comments;
        Moderation moderation = services.moderation;
        Sites sites = services.sites;
        housekeeping.start(moderation, sites, trust.ipHashRetention());

        SiteOrigins origins = new SiteOrigins(config.http().publicUrl());
        ClientAddress clients = new ClientAddress(trust.trustedProxies(), trust.ipv6Prefix());
        HttpErrors errors = new HttpErrors(frames);
        Posting posting = new Posting(identities, comments, metrics,
                notifications.afterPost((site, origin) -> origins.allows(sites.require(site), origin, null)));
        ModeratorGate gate = new ModeratorGate(identities, sites, services.adminThrottle, errors);
        CommentsApi api = new CommentsApi(comments, presence::online, worker, json, frames, errors, identities,
                clients, moderation, posting, pages, cluster.pageFreshness(), gate);
        ConnectionGate live = new ConnectionGate(origins, errors, draining::get, clients, identities, limiter,
                limits.connect(), cluster.connectionLeases(), comments, worker, housekeeping::bansExist);
        ReadLimit readLimit = new ReadLimit(localLimiter, limits.read(), clients, identities, errors);
        requests = new RequestDrain(draining::get, errors);
        routes = new Routes(
                new Routes.Endpoints(api, new AdminApi(moderation, gate, api, frames), new SitesApi(sites, api),
                        transferApi(identities, moderation, errors, secret, authorTokens::publicKey, publisher),
                        new NotifyApi(notifications.subscriptions(), worker, errors),
                        new FeedApi(notifications.feeds(), worker, errors),
                        new VotesApi(services.votes, api, identities, frames, new VoteFrames(json)),
                        new WsEndpoint(live, errors), new StreamEndpoint(live),
                        new Readiness(draining::get, database, cluster, worker), WidgetFiles.load(), metrics::scrape),
                new Routes.Edge(new SiteParam(sites), new Cors(origins), origins, readLimit, requests, errors,
                        config.http().maxBodyBytes()));
        Realtime realtime = new Realtime(hub, interest, presence, comments, posting, json, frames, metrics,
                RealtimeSettings.of(config.realtime(), cluster.resync(), limits.on() ? limits.subscribe() : null));

        listeners = new Listeners(vertx, config.http(), config.realtime().maxFrameBytes());
        // TCP connections of any kind, per node: room for each socket's page requests beside it.
        ConnectionGuard edge = new ConnectionGuard(new LocalConnectionLeases(trust.limits().on()
                ? 2 * trust.limits().connectionsPerAddress() : Integer.MAX_VALUE), clients, identities, metrics,
                config.http().headTimeout(), config.http().bodyTimeout(), config.transfer().uploadTimeout());
        listeners.listen(routes, context -> realtime.shard(new VertxShardLoop(vertx, context, worker)), edge);
        log.info("parley listening on port {} ({} event loops, {} transport, database {}, node {})", listeners.port(),
                config.http().eventLoops(), vertx.isNativeTransportEnabled() ? "epoll" : "nio", database.dialect(),
                cluster.nodeId());
    }

    /**
     * Imports and backups, on a worker of their own (one at a time, for as long as they take):
     * imported comments are published through the broker like posts, so every node's readers see them.
     */
    private TransferApi transferApi(Identities identities, Moderation moderation, HttpErrors errors,
                                    ServerSecret secret, java.util.function.UnaryOperator<String> authorKey,
                                    EventPublisher publisher) {
        WorkerExecutor transferWorker = vertx.createSharedWorkerExecutor("parley-transfer", 1, 6, TimeUnit.HOURS);
        Importer importer = new Importer(new JdbcTransferStore(database, authorKey), new Markdown(), publisher,
                Importer.authorIds(secret), Clock.systemUTC());
        Config.Transfer transfer = config.transfer();
        Backup backup = new Backup(database::copyTo, config.store().dataDir(), !config.trust().secret().isEmpty(),
                transfer.backupDir(), transfer.backupKeep(), Clock.systemUTC());
        return new TransferApi(importer, backup, identities, moderation, errors, vertx, transferWorker,
                transfer.importMaxBytes());
    }

    /** This node's own buckets, or none at all when limits are off. */
    private RateLimiter localLimiter(Config.Limits limits) {
        if (!limits.on()) {
            metrics.rateLimitBuckets(() -> 0);
            return RateLimiter.OFF;
        }
        LocalRateLimiter buckets = new LocalRateLimiter(MAX_BUCKETS);
        metrics.rateLimitBuckets(buckets::keys);
        return buckets;
    }

    public int port() {
        return listeners.port();
    }

    public Metrics metrics() {
        return metrics;
    }

    /** Every REST path this node answers, with its methods (the OpenAPI document must name them all). */
    public java.util.Map<String, java.util.Set<io.vertx.core.http.HttpMethod>> apiRoutes() {
        return routes.apiRoutes();
    }

    /**
     * Graceful stop: from its first moment /readyz answers 503 and new writes and sockets are
     * refused; every socket is closed with 1012 so clients reconnect (to any node) and replay;
     * then the servers close and the pool. Returns whether the drain finished in time.
     */
    public synchronized boolean stop() {
        if (vertx == null) {
            return true;
        }
        draining.set(true);
        log.info("parley draining: /readyz answers 503, new writes and sockets are refused");
        long deadline = System.nanoTime() + config.http().drainTimeout().toNanos();
        pause(config.http().drainNotice().toMillis());
        boolean clean = listeners.drain(remainingMillis(deadline)) && requests.awaitIdle(remainingMillis(deadline));
        if (!clean) {
            log.warn("drain did not finish within {}: closing the rest", config.http().drainTimeout());
        }
        release();
        log.info("parley stopped");
        return clean;
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes whatever was built, in reverse order; safe after a failed start. */
    private void release() {
        if (vertx != null) {
            if (housekeeping != null) {
                housekeeping.stop(); // its jobs need the worker pool, which closes with Vert.x
            }
            if (notifications != null) {
                notifications.close();
            }
        }
        if (cluster != null) {
            cluster.close();
        }
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("event loops did not stop cleanly: {}", e.toString());
            }
            vertx = null;
        }
        if (database != null) {
            database.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
