package dev.parley.config;

import static dev.parley.config.Setting.*;

import dev.parley.abuse.Limit;
import dev.parley.identity.SsoSites;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every setting of a Parley node, as one record tree. Defaults, ranges and docs live in the
 * {@link Setting} table; {@link #from} is the one place that turns its values into these records.
 */
public record Config(Http http, Store store, Realtime realtime, Moderation moderation, Log log, Cluster cluster,
                     Trust trust, Transfer transfer, Notify notifications) {

    /** The HTTP edge: port, request limits, and which browser origins may change state or upgrade. */
    public record Http(String host, int port, String publicUrl, int maxBodyBytes, List<String> allowedOrigins,
                       Duration drainNotice, Duration drainTimeout, int eventLoops, int sendBufferBytes, Duration idleTimeout,
                       Duration headTimeout, Duration bodyTimeout) {
    }

    /** Where comments live: a data directory and a JDBC URL (empty = SQLite file in the data dir). */
    public record Store(Path dataDir, String databaseUrl, int poolSize, int workerThreads) {
    }

    /** WebSocket delivery: heartbeat, frame and queue limits, replay cap, presence pacing. */
    public record Realtime(Duration pingEvery, Duration pongTimeout, int maxFrameBytes,
                           int maxSubscriptions, int outboxBytes, int replayLimit,
                           Duration presenceEvery, Duration gapWait, int pageCacheBytes) {
    }

    /**
     * Imports and backups through the admin API: the largest upload and how long it may take, and
     * where backups go ({@code backupDir} empty: {@code DATA_DIR/backups}) and how many are kept.
     */
    public record Transfer(int importMaxBytes, Duration uploadTimeout, Path backupDir, int backupKeep) {
    }

    /** Moderators authenticate with this bearer token; empty = no moderator access. */
    public record Moderation(String adminToken) {
    }

    /** Log output: {@code plain} lines for people, or {@code json}, one object per line, for collectors. */
    public record Log(String format) {
        public boolean json() {
            return format.equals("json");
        }
    }

    /**
     * Scale-out, decided once: a node alone, or nodes joined through Redis (a Redis URL is set).
     * {@code nodeId} names this node in logs and in what it shares (random when not set).
     */
    public sealed interface Cluster {
        String nodeId();

        record Single(String nodeId) implements Cluster {
        }

        /**
         * {@code prefix} starts every Redis key and channel; {@code resyncEvery}: how long a thread
         * may stay quiet before this node checks the database for events Redis may have dropped.
         */
        record Redis(String url, String prefix, String nodeId, Duration resyncEvery) implements Cluster {
        }
    }

    /** Identity and abuse control. {@code secret} empty: generated once and kept in the data dir. */
    public record Trust(String secret, Duration editWindow, SsoSites sso, List<String> trustedProxies,
                        int ipv6Prefix, Duration ipHashRetention, int maxLinks, Limits limits, Duration voteTrustAfter) {
    }

    /**
     * Token buckets (a burst, then one more every interval) and the cap on open connections per
     * address; {@code on} false disables them all.
     */
    public record Limits(boolean on, Limit post, Limit change, Limit connect, Limit subscribe, Limit read,
                         Limit adminFailures, int connectionsPerAddress, Limit vote) {
    }

    /**
     * Mail, webhooks and feeds. {@code smtpUrl} empty: no mail; {@code webhookUrls} empty: no
     * webhooks; {@code publicUrl} empty: unknown (mail needs it).
     */
    public record Notify(String publicUrl, String smtpUrl, String smtpFrom, List<String> moderatorEmails,
                         boolean moderatorsWantAll, int mailMaxPending, int mailPerAddressHour,
                         Duration mailConfirmEvery, List<String> webhookUrls, String webhookSecret,
                         Duration webhookTimeout, Duration retryMin, Duration retryMax, int feedCacheBytes) {
    }

    /** Gap wait is not a setting: 250 ms covers publication racing commit order on any machine. */
    private static final Duration GAP_WAIT = Duration.ofMillis(250);

    /** Every setting at its default. */
    public static Config defaults() {
        return new ConfigLoader(java.util.Map.of()).load();
    }

    public static Config from(SettingValues v) {
        return new Config(
                new Http(v.text(HTTP_HOST), v.integer(HTTP_PORT), v.text(PUBLIC_URL), v.integer(MAX_BODY_BYTES),
                        v.list(ALLOWED_ORIGINS),
                        v.duration(DRAIN_NOTICE), v.duration(DRAIN_TIMEOUT), v.integer(EVENT_LOOPS), v.integer(SEND_BUFFER_BYTES),
                        v.duration(HTTP_IDLE_TIMEOUT), v.duration(REQUEST_HEAD_TIMEOUT), v.duration(REQUEST_BODY_TIMEOUT)),
                new Store(v.path(DATA_DIR), v.text(DATABASE_URL), v.integer(DB_POOL_SIZE), v.integer(WORKER_THREADS)),
                new Realtime(v.duration(PING_EVERY), v.duration(PONG_TIMEOUT), v.integer(MAX_FRAME_BYTES),
                        v.integer(MAX_SUBSCRIPTIONS), v.integer(OUTBOX_BYTES), v.integer(REPLAY_LIMIT),
                        v.duration(PRESENCE_EVERY), GAP_WAIT, v.integer(PAGE_CACHE_BYTES)),
                new Moderation(v.text(ADMIN_TOKEN)),
                new Log(v.text(LOG_FORMAT)),
                cluster(v),
                new Trust(v.text(SECRET), v.duration(EDIT_WINDOW), sso(v), v.list(TRUSTED_PROXIES),
                        v.integer(IPV6_PREFIX), v.duration(IP_HASH_RETENTION), v.integer(MAX_LINKS),
                        new Limits(v.on(RATE_LIMITS), limit(v, POST_BURST, POST_EVERY), limit(v, EDIT_BURST, EDIT_EVERY),
                                limit(v, CONNECT_BURST, CONNECT_EVERY), limit(v, SUBSCRIBE_BURST, SUBSCRIBE_EVERY),
                                limit(v, READ_BURST, READ_EVERY), limit(v, ADMIN_FAILURE_BURST, ADMIN_FAILURE_EVERY),
                                v.integer(MAX_CONNECTIONS_PER_ADDRESS), limit(v, VOTE_BURST, VOTE_EVERY)),
                        v.duration(VOTE_TRUST_AFTER)),
                new Transfer(v.integer(IMPORT_MAX_BYTES), v.duration(IMPORT_UPLOAD_TIMEOUT),
                        v.text(BACKUP_DIR).isEmpty() ? v.path(DATA_DIR).resolve("backups") : Path.of(v.text(BACKUP_DIR)),
                        v.integer(BACKUP_KEEP)),
                new Notify(v.text(PUBLIC_URL), v.text(SMTP_URL), v.text(SMTP_FROM), v.list(MODERATOR_EMAILS),
                        v.text(MODERATOR_MAIL).equals("all"), v.integer(MAIL_MAX_PENDING), v.integer(MAIL_PER_ADDRESS_HOUR),
                        v.duration(MAIL_CONFIRM_EVERY), v.list(WEBHOOK_URLS), v.text(WEBHOOK_SECRET),
                        v.duration(WEBHOOK_TIMEOUT), v.duration(NOTIFY_RETRY_MIN), v.duration(NOTIFY_RETRY_MAX),
                        v.integer(FEED_CACHE_BYTES)));
    }

    /** The SSO secrets with their sites; a legacy site must be one of them. */
    private static SsoSites sso(SettingValues v) {
        try {
            return SsoSites.parse(v.text(SSO_SECRET), v.text(SSO_LEGACY_SITE));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SSO_LEGACY_SITE.variable() + ": " + e.getMessage());
        }
    }

    private static Cluster cluster(SettingValues v) {
        String nodeId = v.text(NODE_ID).isEmpty()
                ? "node-" + java.util.UUID.randomUUID().toString().substring(0, 8) : v.text(NODE_ID);
        return v.text(REDIS_URL).isEmpty() ? new Cluster.Single(nodeId)
                : new Cluster.Redis(v.text(REDIS_URL), v.text(REDIS_PREFIX), nodeId, v.duration(RESYNC_EVERY));
    }

    private static Limit limit(SettingValues v, Setting burst, Setting every) {
        return new Limit(v.integer(burst), v.duration(every));
    }
}
