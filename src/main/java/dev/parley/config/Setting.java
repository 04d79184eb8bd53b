package dev.parley.config;

import static dev.parley.config.ValueType.duration;
import static dev.parley.config.ValueType.integer;
import static dev.parley.config.ValueType.onOff;
import static dev.parley.config.ValueType.oneOf;
import static dev.parley.config.ValueType.secret;
import static dev.parley.config.ValueType.text;

import java.util.function.Supplier;

/**
 * The one table of settings: each row is a {@code PARLEY_*} environment variable with its type,
 * default, range and one line of documentation. {@link ConfigLoader} reads the environment through
 * it, {@link Help} prints {@code --help} and the tables of docs/configuration.md from it (a test
 * checks the docs), and {@link Config#from} is the one place that turns values into records.
 * Adding a setting: a row here, a field in its record, the line in {@code Config.from}.
 */
public enum Setting {
    // ---- serving ----
    HTTP_HOST(Group.SERVING, "address to listen on", text(), "0.0.0.0"),
    HTTP_PORT(Group.SERVING, "HTTP and WebSocket port (0 = any free port)", integer(0, 65535), "8080"),
    PUBLIC_URL(Group.SERVING, "the URL readers reach this server at, e.g. `https://comments.example.com`: its"
            + " origin is the server's own (else taken from the Host header) and links in mails and feeds use it;"
            + " empty: none", Parsers.publicUrl(), ""),
    ALLOWED_ORIGINS(Group.SERVING, "browser origins that may post and open WebSockets, comma-separated; `:*` matches"
            + " any port; the server's own origin is always allowed", Parsers.origins(),
            "http://localhost:*,http://127.0.0.1:*"),
    MAX_BODY_BYTES(Group.SERVING, "largest REST request body (413 above)", integer(1024, 16 * 1024 * 1024), "65536"),
    EVENT_LOOPS(Group.SERVING, "event-loop threads; each owns the sockets it accepted", integer(1, 256),
            () -> Integer.toString(Runtime.getRuntime().availableProcessors()), "number of cores"),
    WORKER_THREADS(Group.SERVING, "threads for blocking work (database, Markdown); event loops never block",
            integer(1, 1000), "16"),
    SEND_BUFFER_BYTES(Group.SERVING, "kernel send buffer per socket: what a slow reader can hold beyond its"
            + " outbound queue", integer(4096, 64 * 1024 * 1024), "262144"),
    HTTP_IDLE_TIMEOUT(Group.SERVING, "an HTTP connection with no request for this long is closed (WebSockets have"
            + " their heartbeat instead, as have event streams)", duration(), "60s"),
    REQUEST_HEAD_TIMEOUT(Group.SERVING, "a request's head must arrive within this of its first byte, else the"
            + " connection is closed (slow-header attacks)", duration(), "10s"),
    REQUEST_BODY_TIMEOUT(Group.SERVING, "a request's body must arrive within this of its head", duration(), "30s"),
    DRAIN_NOTICE(Group.SERVING, "on SIGTERM, how long the node keeps serving with /readyz at 503 before it closes"
            + " its sockets, so load balancers stop sending it readers first", ValueType.durationOrZero(), "1s"),
    DRAIN_TIMEOUT(Group.SERVING, "how long a graceful stop waits for sockets to close and requests to finish",
            duration(), "10s"),

    // ---- storage and scale-out ----
    DATA_DIR(Group.STORAGE, "directory for the SQLite file and the generated secret", ValueType.path(), "data"),
    DATABASE_URL(Group.STORAGE, "`jdbc:sqlite:…`, `jdbc:postgresql:…` or `postgresql://user@host:port/db`;"
            + " empty: SQLite file `parley.db` in the data dir", Parsers.databaseUrl(), "", true),
    DB_POOL_SIZE(Group.STORAGE, "JDBC connections", integer(1, 500), "8"),
    REDIS_URL(Group.STORAGE, "`redis://host:port`: fan-out, presence and rate limits shared across nodes;"
            + " empty: a single node", Parsers.redisUrl(), "", true),
    REDIS_PREFIX(Group.STORAGE, "starts every Redis key and channel, so several deployments can share one Redis",
            text("[A-Za-z0-9._:-]{1,64}", "1 to 64 letters, digits, '.', '_', ':' or '-'"), "parley:"),
    NODE_ID(Group.STORAGE, "this node's name in the cluster (logs, presence); empty: random",
            text("[A-Za-z0-9._-]{1,64}", "1 to 64 letters, digits, '.', '_' or '-'"), ""),
    RESYNC_EVERY(Group.STORAGE, "with Redis: how long a thread may stay quiet before the database is checked for"
            + " dropped events", duration(), "5s"),
    BACKUP_DIR(Group.STORAGE, "where `POST /api/v1/admin/backup` writes its copies (set on the server only, never"
            + " by a client); empty: `DATA_DIR/backups`", text(), ""),
    BACKUP_KEEP(Group.STORAGE, "copies kept in the backup directory; the oldest beyond this are removed",
            integer(1, 1000), "7"),
    IMPORT_MAX_BYTES(Group.STORAGE, "largest file `POST /api/v1/admin/import` accepts (streamed to a temporary file,"
            + " never held in memory)", integer(1024, Integer.MAX_VALUE), "268435456"),
    IMPORT_UPLOAD_TIMEOUT(Group.STORAGE, "an import upload's body must arrive within this (other requests have"
            + " `PARLEY_REQUEST_BODY_TIMEOUT`)", duration(), "10m"),

    // ---- live delivery ----
    PING_EVERY(Group.LIVE, "heartbeat interval (a WebSocket ping; on an event stream, a comment line)", duration(),
            "25s"),
    PONG_TIMEOUT(Group.LIVE, "a connection that has not answered a ping after this is closed with 4001",
            duration(), "10s"),
    MAX_FRAME_BYTES(Group.LIVE, "largest WebSocket message (1009 above)", integer(1024, 16 * 1024 * 1024), "65536"),
    MAX_SUBSCRIPTIONS(Group.LIVE, "subscriptions per connection", integer(1, 10_000), "50"),
    OUTBOX_BYTES(Group.LIVE, "outbound queue per connection (WebSocket or event stream); overflow closes it with 4008",
            integer(1024, 1024 * 1024 * 1024), "1048576"),
    REPLAY_LIMIT(Group.LIVE, "most events replayed after `since` before answering `reset: true`",
            integer(1, 1_000_000), "1000"),
    PAGE_CACHE_BYTES(Group.LIVE, "memory for cached first pages of hot threads (one per thread, every comment"
            + " encoded once)", integer(1024 * 1024, Integer.MAX_VALUE), "67108864"),
    PRESENCE_EVERY(Group.LIVE, "how often presence changes are sent per thread", duration(), "1s"),

    // ---- identity, moderation and abuse control ----
    SECRET(Group.TRUST, "key for author tokens and address hashes; **every node of a cluster needs the same**;"
            + " empty: generated into `DATA_DIR/secret.key`", secret(32), "", true),
    ADMIN_TOKEN(Group.TRUST, "bearer token for moderators and the `/admin` page; empty: no moderator access",
            secret(16), "", true),
    EDIT_WINDOW(Group.TRUST, "how long authors may edit or delete their own comments", duration(), "15m"),
    SSO_SECRET(Group.TRUST, "HS256 secrets (32+ characters) sites sign their users' JWTs with, comma-separated,"
            + " each `site=secret` (a site's users are its own) or a bare secret (the scope Parley always used);"
            + " several secrets under one site name rotate without changing ids; empty: no SSO",
            Parsers.ssoSecrets(), "", true),
    SSO_LEGACY_SITE(Group.TRUST, "the named site whose users keep the author ids a bare secret gave them (when a"
            + " site that used a bare secret gets a name); empty: none",
            text("[A-Za-z0-9._-]{1,32}", "1 to 32 letters, digits, '.', '_' or '-'"), ""),
    RATE_LIMITS(Group.TRUST, "`off` disables every rate limit (benchmarks, tests); the log warns loudly", onOff(), "on"),
    POST_BURST(Group.TRUST, "posts per address and per author at once", integer(1, 1_000_000), "5"),
    POST_EVERY(Group.TRUST, "then one more post every", duration(), "3s"),
    EDIT_BURST(Group.TRUST, "an author's edits and deletions per address and per author at once (moderators are not"
            + " limited)", integer(1, 1_000_000), "5"),
    EDIT_EVERY(Group.TRUST, "then one more every", duration(), "3s"),
    VOTE_BURST(Group.TRUST, "votes per address and per voter at once (a reader going through a thread)",
            integer(1, 1_000_000), "30"),
    VOTE_EVERY(Group.TRUST, "then one more vote every", duration(), "1s"),
    VOTE_TRUST_AFTER(Group.TRUST, "a reader first seen (first comment or vote) longer ago than this, or signed in,"
            + " votes freely; newer readers add a vote to a comment only if no one else voted on it from their address",
            duration(), "10m"),
    CONNECT_BURST(Group.TRUST, "new WebSocket connections and event streams per address at once (across all nodes"
            + " with Redis)",
            integer(1, 1_000_000), "50"),
    CONNECT_EVERY(Group.TRUST, "then one more connection every", duration(), "1s"),
    MAX_CONNECTIONS_PER_ADDRESS(Group.TRUST, "WebSocket connections and event streams, counted together, one"
            + " address may hold open at once (across all nodes with Redis; 429 past it), and half of its TCP connections of any kind per node (past twice"
            + " this, closed at once); sized for many readers behind one NAT", integer(1, 1_000_000), "2000"),
    READ_BURST(Group.TRUST, "REST reads per address at once (per node); sized for many readers behind one NAT"
            + " loading a page together", integer(1, 1_000_000), "1000"),
    READ_EVERY(Group.TRUST, "then one more read every", duration(), "20ms"),
    SUBSCRIBE_BURST(Group.TRUST, "subscribe frames per connection at once", integer(1, 1_000_000), "20"),
    SUBSCRIBE_EVERY(Group.TRUST, "then one more subscribe every", duration(), "200ms"),
    ADMIN_FAILURE_BURST(Group.TRUST, "wrong moderator tokens an address may try, then it is refused with 429, the right"
            + " token included", integer(1, 1_000_000), "10"),
    ADMIN_FAILURE_EVERY(Group.TRUST, "then one more try every", duration(), "10s"),
    MAX_LINKS(Group.TRUST, "most links in one comment", integer(0, 1000), "5"),
    TRUSTED_PROXIES(Group.TRUST, "comma list of proxy CIDRs whose `X-Forwarded-For` is believed; empty: none",
            Parsers.cidrs(), ""),
    IPV6_PREFIX(Group.TRUST, "IPv6 clients are limited and banned by this prefix length, not by address (one host"
            + " often has a whole /64)", integer(32, 128), "64"),
    IP_HASH_RETENTION(Group.TRUST, "address hashes older than this are erased (hourly)", duration(), "30d"),

    // ---- notifications and feeds ----
    SMTP_URL(Group.NOTIFY, "mail server: `smtp://user:password@host:port` (STARTTLS required; `?starttls=optional`"
            + " or `?starttls=off` to relax) or `smtps://user:password@host:port` (TLS from the start); empty: no mail",
            Parsers.smtpUrl(), "", true),
    SMTP_FROM(Group.NOTIFY, "sender address of every mail, like `comments@example.com` (needed with `SMTP_URL`)",
            ValueType.text(), ""),
    MODERATOR_EMAILS(Group.NOTIFY, "comma list of addresses told of new comments; empty: none", Parsers.emails(), ""),
    MODERATOR_MAIL(Group.NOTIFY, "which comments moderators are mailed about: `all` new ones, or only those `pending`"
            + " approval", oneOf("all", "pending"), "all"),
    MAIL_MAX_PENDING(Group.NOTIFY, "mails waiting to be sent, at most; more are not queued (and logged)",
            integer(10, 10_000_000), "10000"),
    MAIL_PER_ADDRESS_HOUR(Group.NOTIFY, "mails queued per reader address per hour, at most (moderators exempt)",
            integer(1, 10_000), "30"),
    MAIL_CONFIRM_EVERY(Group.NOTIFY, "one confirmation mail per address per this, at most", duration(), "1h"),
    WEBHOOK_URLS(Group.NOTIFY, "comma list of URLs that receive thread events as signed JSON; `#comment,updated`"
            + " after a URL chooses the kinds (default: all)", Parsers.webhooks(), ""),
    WEBHOOK_SECRET(Group.NOTIFY, "key of the webhooks' `Parley-Signature` (HMAC-SHA256); needed with `WEBHOOK_URLS`",
            secret(16), "", true),
    WEBHOOK_TIMEOUT(Group.NOTIFY, "a webhook must connect, and then answer, within this each", duration(), "10s"),
    NOTIFY_RETRY_MIN(Group.NOTIFY, "first wait before a failed mail or webhook is retried; doubles each time",
            duration(), "1s"),
    NOTIFY_RETRY_MAX(Group.NOTIFY, "longest wait between retries", duration(), "10m"),
    FEED_CACHE_BYTES(Group.NOTIFY, "memory for written Atom and RSS feeds", integer(1024 * 1024, Integer.MAX_VALUE),
            "16777216"),

    // ---- logs ----
    LOG_FORMAT(Group.LOGS, "`plain` lines for people, or `json`: one object per line", oneOf("plain", "json"), "plain"),
    LOG_LEVEL(Group.LOGS, "root log level", oneOf("ERROR", "WARN", "INFO", "DEBUG", "TRACE"), "INFO");

    /** The sections of {@code --help} and of docs/configuration.md. */
    public enum Group {
        SERVING("Serving"),
        STORAGE("Storage and scale-out"),
        LIVE("Live delivery"),
        TRUST("Identity, moderation and abuse control"),
        NOTIFY("Notifications and feeds"),
        LOGS("Logs");

        final String title;

        Group(String title) {
            this.title = title;
        }
    }

    final Group group;
    final String doc;
    final ValueType type;
    private final Supplier<String> fallback;
    final String fallbackDoc;
    /** Never echoed in errors or logs: the value is, or may contain, a credential. */
    final boolean secret;

    Setting(Group group, String doc, ValueType type, String fallback) {
        this(group, doc, type, fallback, false);
    }

    Setting(Group group, String doc, ValueType type, String fallback, boolean secret) {
        this(group, doc, type, () -> fallback, fallback.isEmpty() ? "" : fallback, secret);
    }

    Setting(Group group, String doc, ValueType type, Supplier<String> fallback, String fallbackDoc) {
        this(group, doc, type, fallback, fallbackDoc, false);
    }

    Setting(Group group, String doc, ValueType type, Supplier<String> fallback, String fallbackDoc, boolean secret) {
        this.group = group;
        this.doc = doc;
        this.type = type;
        this.fallback = fallback;
        this.fallbackDoc = fallbackDoc;
        this.secret = secret;
    }

    /** The environment variable, e.g. {@code PARLEY_HTTP_PORT}. */
    public String variable() {
        return "PARLEY_" + name();
    }

    /** The default as text: empty means "unset" (the doc line says what that means). */
    String fallback() {
        return fallback.get();
    }
}
