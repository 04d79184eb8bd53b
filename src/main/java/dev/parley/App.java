package dev.parley;

import static dev.parley.config.Setting.DATABASE_URL;
import static dev.parley.config.Setting.DATA_DIR;
import static dev.parley.config.Setting.PUBLIC_URL;
import static dev.parley.config.Setting.SECRET;
import static dev.parley.config.Setting.SMTP_FROM;
import static dev.parley.config.Setting.WEBHOOK_SECRET;

import dev.parley.abuse.ClientAddress;
import dev.parley.abuse.ConnectionLeases;
import dev.parley.abuse.LocalConnectionLeases;
import dev.parley.abuse.LocalRateLimiter;
import dev.parley.abuse.RateLimiter;
import dev.parley.cluster.Cluster;
import dev.parley.cluster.RedisCluster;
import dev.parley.cluster.SingleNode;
import dev.parley.comment.CommentService;
import dev.parley.comment.EventPublisher;
import dev.parley.comment.Guard;
import dev.parley.comment.Markdown;
import dev.parley.config.Config;
import dev.parley.feed.PageUrls;
import dev.parley.feed.Syndication;
import dev.parley.identity.AddressHasher;
import dev.parley.identity.AuthorTokens;
import dev.parley.identity.Identities;
import dev.parley.identity.ServerSecret;
import dev.parley.identity.SsoTokens;
import dev.parley.metrics.Metrics;
import dev.parley.moderation.Moderation;
import dev.parley.notify.Backoff;
import dev.parley.notify.Letters;
import dev.parley.notify.MailOutbox;
import dev.parley.notify.MailStore;
import dev.parley.notify.MailTokens;
import dev.parley.notify.Mailer;
import dev.parley.notify.Notices;
import dev.parley.notify.Relay;
import dev.parley.notify.Signature;
import dev.parley.notify.SmtpUrl;
import dev.parley.notify.Subscriptions;
import dev.parley.notify.Webhook;
import dev.parley.notify.Webhooks;
import dev.parley.posting.AfterPost;
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
import dev.parley.store.JdbcCommentStore;
import dev.parley.store.JdbcFeedStore;
import dev.parley.store.JdbcMailStore;
import dev.parley.store.JdbcModerationStore;
import dev.parley.store.JdbcRelayStore;
import dev.parley.web.AdminApi;
import dev.parley.web.CommentsApi;
import dev.parley.web.ConnectionGuard;
import dev.parley.web.Cors;
import dev.parley.web.FeedApi;
import dev.parley.web.HttpErrors;
import dev.parley.web.NotifyApi;
import dev.parley.web.OriginCheck;
import dev.parley.web.PageCache;
import dev.parley.web.ReadLimit;
import dev.parley.web.Routes;
import dev.parley.web.WidgetFiles;
import dev.parley.web.WsEndpoint;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
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
    /** Rate-limit buckets kept in memory: at ~200 bytes each, about 20 MiB at most. */
    private static final int MAX_BUCKETS = 100_000;
    /** Mails waiting for one address, at most: a reader's share of the outbox. */
    private static final int MAX_MAILS_PER_ADDRESS = 20;

    private final Config config;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean bansExist = new AtomicBoolean(true);
    private Metrics metrics;
    private Database database;
    private Cluster cluster;
    private Vertx vertx;
    private WorkerExecutor worker;
    private Listeners listeners;
    /** Mail and webhook senders, stopped before the pool they read. */
    private final List<AutoCloseable> notifiers = new ArrayList<>();

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
        JdbcCommentStore store = new JdbcCommentStore(database);
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.http().eventLoops())
                .setPreferNativeTransport(true));
        worker = vertx.createSharedWorkerExecutor("parley-worker", config.store().workerThreads(),
                30, TimeUnit.SECONDS);
        PageCache pages = new PageCache(config.realtime().pageCacheBytes(), Duration.ofMinutes(10));
        metrics.pageCacheBytes(pages::weight);
        Config.Notify notify = config.notifications();
        Syndication syndication = new Syndication(new JdbcFeedStore(database), notify.feedCacheBytes(),
                notify.publicUrl(), config.cluster() instanceof Config.Cluster.Redis ? t -> store.stats(t).seq() : null,
                Clock.systemUTC());
        Hub hub = new Hub(frames, (thread, seq) -> {
            pages.changed(thread, seq);
            syndication.changed(thread);
        });
        Presence presence = new Presence();
        RateLimiter localLimiter = localLimiter(config.trust().limits());
        cluster = cluster(hub, presence, json, localLimiter);
        Interest interest = new Interest(cluster.broker(), metrics);

        Config.Trust trust = config.trust();
        ServerSecret secret = StartupException.step(trust.secret().isEmpty() ? DATA_DIR : SECRET,
                "cannot read or create the secret", () -> ServerSecret.load(trust.secret(), config.store().dataDir()));
        MailStore mailStore = new JdbcMailStore(database, new MailStore.Limits(notify.mailMaxPending(),
                MAX_MAILS_PER_ADDRESS, notify.mailPerAddressHour(), notify.mailConfirmEvery()));
        MailTokens mailTokens = new MailTokens(secret, Clock.systemUTC());
        Backoff backoff = new Backoff(notify.retryMin(), notify.retryMax());
        MailOutbox outbox = mailOutbox(notify, mailStore, mailTokens, backoff);
        Runnable wakeOutbox = outbox == null ? () -> { } : outbox::wake;
        Subscriptions subscriptions = new Subscriptions(mailStore, mailTokens, notify.moderatorEmails(), wakeOutbox,
                Clock.systemUTC(), metrics);
        List<Relay> relays = relays(notify, mailStore, backoff, wakeOutbox, json, outbox != null);
        EventPublisher publisher = event -> {
            cluster.broker().publish(event);
            relays.forEach(Relay::wake);
        };
        Identities identities = new Identities(new AuthorTokens(secret),
                new SsoTokens(trust.ssoSecrets(), json, Clock.systemUTC()), new AddressHasher(secret), secret,
                config.moderation().adminToken());
        RateLimiter limiter = cluster.rateLimiter();
        Guard guard = new Guard(store, limiter, new Guard.Rules(trust.limits().post(), trust.limits().post(),
                trust.maxLinks(), Duration.ofMinutes(10)));
        CommentService comments = new CommentService(store, new Markdown(), publisher, guard,
                trust.editWindow(), Clock.systemUTC());
        Moderation moderation = new Moderation(new JdbcModerationStore(database, store), publisher,
                (author, ip) -> {
                    bansExist.set(true);
                    cluster.broker().announceBan(author, ip);
                }, Clock.systemUTC());
        scheduleAddressHashRetention(moderation, trust.ipHashRetention());
        watchBans(moderation);

        OriginCheck origins = new OriginCheck(config.http().allowedOrigins());
        ClientAddress clients = new ClientAddress(trust.trustedProxies(), trust.ipv6Prefix());
        HttpErrors errors = new HttpErrors(frames);
        PageUrls pageUrls = new PageUrls(new JdbcFeedStore(database), origin -> origins.allows(origin, null),
                Clock.systemUTC());
        Posting posting = new Posting(identities, comments, metrics,
                AfterPost.all(outbox == null ? List.of(pageUrls) : List.of(pageUrls, subscriptions)));
        CommentsApi api = new CommentsApi(comments, presence::online, worker, json, frames, errors, identities,
                clients, moderation, posting, pages, cluster.pageFreshness());
        WsEndpoint ws = new WsEndpoint(origins, errors, draining::get, clients, identities, limiter,
                trust.limits().connect(), cluster.connectionLeases(), comments, worker, bansExist::get);
        Readiness readiness = new Readiness(draining::get, database, cluster, worker);
        ReadLimit readLimit = new ReadLimit(localLimiter, trust.limits().read(), clients, identities, errors);
        Routes routes = new Routes(api, ws, readLimit, new AdminApi(moderation, identities, api, frames),
                new NotifyApi(subscriptions, worker, errors), new FeedApi(syndication, worker, errors), new Cors(origins),
                origins, errors, readiness, WidgetFiles.load(), metrics::scrape, config.http().maxBodyBytes());
        Realtime realtime = new Realtime(hub, interest, presence, comments, posting, json, frames, metrics,
                realtimeSettings(config.realtime(), cluster, trust.limits().on() ? trust.limits().subscribe() : null));

        listeners = new Listeners(vertx, config.http(), config.realtime().maxFrameBytes());
        ConnectionGuard edge = new ConnectionGuard(new LocalConnectionLeases(trust.limits().on()
                ? trust.limits().connectionsPerAddress() : Integer.MAX_VALUE), clients, identities, metrics,
                config.http().headTimeout(), config.http().bodyTimeout());
        listeners.listen(routes, context -> realtime.shard(new VertxShardLoop(vertx, context, worker)), edge);
        log.info("parley listening on port {} ({} event loops, {} transport, database {}, node {})", listeners.port(),
                config.http().eventLoops(), vertx.isNativeTransportEnabled() ? "epoll" : "nio", database.dialect(),
                cluster.nodeId());
    }

    /**
     * The mail sender, or null when no SMTP server is set. Mail needs the public URL (its links)
     * and a sender address: start-up fails naming whichever is missing.
     */
    private MailOutbox mailOutbox(Config.Notify notify, MailStore store, MailTokens tokens, Backoff backoff) {
        if (notify.smtpUrl().isEmpty()) {
            return null;
        }
        if (notify.publicUrl().isEmpty()) {
            throw new StartupException(PUBLIC_URL, "mail needs this node's public URL for its links", null);
        }
        if (notify.smtpFrom().isEmpty()) {
            throw new StartupException(SMTP_FROM, "mail needs a sender address", null);
        }
        Mailer mailer = new Mailer(SmtpUrl.parse(notify.smtpUrl()));
        Letters letters = StartupException.step(SMTP_FROM, "not a sender address",
                () -> new Letters(mailer, notify.smtpFrom(), notify.publicUrl(), tokens));
        MailOutbox outbox = new MailOutbox(store, letters, mailer, backoff, config.cluster().nodeId(), Clock.systemUTC(), 2, metrics);
        notifiers.add(outbox);
        log.info("mail through {}", mailer);
        return outbox.start(Duration.ofSeconds(1));
    }

    /** One relay of the stored thread events per webhook, and one for mail notices when mail is on. */
    private List<Relay> relays(Config.Notify notify, MailStore mail, Backoff backoff, Runnable wakeOutbox, Json json,
                               boolean mailOn) {
        List<Relay> relays = new ArrayList<>();
        JdbcRelayStore cursors = new JdbcRelayStore(database);
        Relay.Settings settings = Relay.Settings.of(config.cluster().nodeId(), backoff);
        if (mailOn) {
            relays.add(new Relay("mail", cursors, new Notices(mail, notify.moderatorEmails(), notify.moderatorsWantAll(),
                    wakeOutbox, Clock.systemUTC(), metrics), settings, Clock.systemUTC(), metrics));
        }
        if (!notify.webhookUrls().isEmpty()) {
            if (notify.webhookSecret().isEmpty()) {
                throw new StartupException(WEBHOOK_SECRET, "webhooks are signed: set a secret to share with receivers", null);
            }
            java.net.http.HttpClient http = Webhooks.client(notify.webhookTimeout());
            Signature signature = new Signature(notify.webhookSecret());
            for (String url : notify.webhookUrls()) {
                Webhook webhook = Webhook.parse(url);
                relays.add(new Relay(webhook.consumer(), cursors, new Webhooks(webhook, http, signature, json,
                        notify.webhookTimeout(), Clock.systemUTC()), settings, Clock.systemUTC(), metrics));
                log.info("webhook {} for {}", webhook, webhook.kinds());
            }
        }
        for (Relay relay : relays) {
            notifiers.add(relay);
            relay.start();
        }
        return List.copyOf(relays);
    }

    /** This node's own buckets, or none at all when limits are off. */
    private RateLimiter localLimiter(Config.Limits limits) {
        if (!limits.on()) {
            log.warn("*** PARLEY_RATE_LIMITS=off: every rate limit is disabled. Never run a public site like this. ***");
            metrics.rateLimitBuckets(() -> 0);
            return RateLimiter.OFF;
        }
        LocalRateLimiter buckets = new LocalRateLimiter(MAX_BUCKETS);
        metrics.rateLimitBuckets(buckets::keys);
        return buckets;
    }

    /** The one choice between a node alone and nodes joined through Redis. */
    private Cluster cluster(Hub hub, Presence presence, Json json, RateLimiter local) {
        Config.Limits limits = config.trust().limits();
        LocalConnectionLeases leases = limits.on() ? new LocalConnectionLeases(limits.connectionsPerAddress()) : null;
        Cluster chosen = switch (config.cluster()) {
            case Config.Cluster.Single single -> new SingleNode(single.nodeId(), hub, local,
                    leases == null ? ConnectionLeases.UNLIMITED : leases);
            case Config.Cluster.Redis redis -> {
                if (config.trust().secret().isEmpty()) {
                    log.warn("PARLEY_SECRET is not set: this node generated its own, so author tokens, bans by address"
                            + " and shared rate limits will not work across nodes. Give every node the same PARLEY_SECRET.");
                }
                log.info("scale-out: node {} fans out through Redis", redis.nodeId());
                yield new RedisCluster(vertx, redis, hub, presence, json, metrics, config.realtime().presenceEvery(),
                        local, leases);
            }
        };
        chosen.start();
        return chosen;
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
        return listeners.port();
    }

    public Metrics metrics() {
        return metrics;
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
        boolean clean = listeners.drain(config.http().drainTimeout());
        if (!clean) {
            log.warn("drain did not finish within {}: closing the rest", config.http().drainTimeout());
        }
        release();
        log.info("parley stopped");
        return clean;
    }

    /** Closes whatever was built, in reverse order; safe after a failed start. */
    private void release() {
        for (AutoCloseable notifier : notifiers.reversed()) {
            try {
                notifier.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", notifier, e.toString());
            }
        }
        notifiers.clear();
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

    private static RealtimeSettings realtimeSettings(Config.Realtime r, Cluster cluster, dev.parley.abuse.Limit subscribeLimit) {
        return new RealtimeSettings(r.maxFrameBytes(), r.pingEvery(), r.pongTimeout(), r.maxSubscriptions(),
                r.outboxBytes(), r.replayLimit(), r.presenceEvery(), r.gapWait(), cluster.resync(), subscribeLimit);
    }
}
