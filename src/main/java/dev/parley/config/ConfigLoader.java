package dev.parley.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Overlays {@code PARLEY_*} environment variables on {@link Config#defaults()}. A bad value fails
 * with one line naming the variable; {@link #help()} lists every variable with its default.
 */
public final class ConfigLoader {
    private static final Map<String, String> VARIABLES = new LinkedHashMap<>();

    static {
        VARIABLES.put("PARLEY_HTTP_HOST", "address to listen on (default 0.0.0.0)");
        VARIABLES.put("PARLEY_HTTP_PORT", "HTTP and WebSocket port, 0 = any free port (default 8080)");
        VARIABLES.put("PARLEY_DATA_DIR", "directory for the SQLite file and other state (default ./data)");
        VARIABLES.put("PARLEY_DATABASE_URL", "jdbc:sqlite:..., jdbc:postgresql:... or postgresql://user@host:port/db"
                + " (default: SQLite file parley.db in the data dir)");
        VARIABLES.put("PARLEY_DB_POOL_SIZE", "JDBC connections (default 8)");
        VARIABLES.put("PARLEY_WORKER_THREADS", "threads for blocking work: database, Markdown (default 16)");
        VARIABLES.put("PARLEY_ALLOWED_ORIGINS", "comma list of browser origins allowed to post and upgrade;"
                + " a port of * matches any port (default http://localhost:*,http://127.0.0.1:*;"
                + " the server's own origin is always allowed)");
        VARIABLES.put("PARLEY_MAX_BODY_BYTES", "largest REST request body (default 65536)");
        VARIABLES.put("PARLEY_EVENT_LOOPS", "event-loop threads (default: number of cores)");
        VARIABLES.put("PARLEY_SEND_BUFFER_BYTES", "kernel send buffer per socket; bounds what a slow reader can"
                + " hold beyond the outbound queue (default 262144)");
        VARIABLES.put("PARLEY_DRAIN_TIMEOUT", "how long shutdown waits for sockets to close, e.g. 10s (default 10s)");
        VARIABLES.put("PARLEY_PING_EVERY", "heartbeat interval, e.g. 25s or 500ms (default 25s)");
        VARIABLES.put("PARLEY_PONG_TIMEOUT", "close a connection that has not answered a ping after this (default 10s)");
        VARIABLES.put("PARLEY_MAX_FRAME_BYTES", "largest WebSocket message (default 65536)");
        VARIABLES.put("PARLEY_MAX_SUBSCRIPTIONS", "subscriptions per connection (default 50)");
        VARIABLES.put("PARLEY_OUTBOX_BYTES", "outbound queue per connection before it is cut off with 4008 (default 1048576)");
        VARIABLES.put("PARLEY_REPLAY_LIMIT", "most events replayed after since before answering reset (default 1000)");
        VARIABLES.put("PARLEY_ADMIN_TOKEN", "bearer token that lets a moderator edit and delete any comment (default: none)");
        VARIABLES.put("PARLEY_REDIS_URL", "redis://host:port for fan-out across nodes (default: none, single node)");
        VARIABLES.put("PARLEY_NODE_ID", "this node's name in the cluster (default: random)");
        VARIABLES.put("PARLEY_RESYNC_EVERY", "with Redis: how long a thread may stay quiet before the database is"
                + " checked for dropped events (default 5s)");
        VARIABLES.put("PARLEY_SECRET", "key for author tokens and address hashes, 32+ characters; all nodes of a"
                + " cluster need the same (default: generated once into DATA_DIR/secret.key)");
        VARIABLES.put("PARLEY_EDIT_WINDOW", "how long authors may edit or delete their own comments (default 15m)");
        VARIABLES.put("PARLEY_SSO_SECRET", "comma list of HS256 secrets sites sign their users' JWTs with (default: no SSO)");
        VARIABLES.put("PARLEY_RATE_LIMITS", "on or off; off disables every rate limit, e.g. for benchmarks (default on)");
        VARIABLES.put("PARLEY_TRUSTED_PROXIES", "comma list of proxy CIDRs whose X-Forwarded-For is believed (default: none)");
        VARIABLES.put("PARLEY_IP_HASH_RETENTION", "how long address hashes are kept, e.g. 30d (default 30d)");
        VARIABLES.put("PARLEY_MAX_LINKS", "most links in one comment (default 5)");
        VARIABLES.put("PARLEY_POST_BURST", "posts per address and per author at once (default 5)");
        VARIABLES.put("PARLEY_POST_EVERY", "then one more post every (default 3s)");
        VARIABLES.put("PARLEY_CONNECT_BURST", "new WebSocket connections per address at once (default 50)");
        VARIABLES.put("PARLEY_CONNECT_EVERY", "then one more connection every (default 1s)");
        VARIABLES.put("PARLEY_SUBSCRIBE_BURST", "subscribe frames per connection at once (default 20)");
        VARIABLES.put("PARLEY_SUBSCRIBE_EVERY", "then one more subscribe every (default 200ms)");
        VARIABLES.put("PARLEY_LOG_FORMAT", "plain or json (one JSON object per line) (default plain)");
        VARIABLES.put("PARLEY_LOG_LEVEL", "root log level: ERROR, WARN, INFO, DEBUG (default INFO)");
        VARIABLES.put("PARLEY_PRESENCE_EVERY", "how often presence changes are sent per thread (default 1s)");
    }

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /** Every environment variable Parley reads. */
    public static java.util.Set<String> variables() {
        return java.util.Collections.unmodifiableSet(VARIABLES.keySet());
    }

    public static String help() {
        StringBuilder out = new StringBuilder("Parley - real-time comments.\n\nUsage: java -jar parley.jar [--help]\n\n"
                + "Configuration comes from environment variables:\n");
        VARIABLES.forEach((name, text) -> out.append(String.format("  %-26s %s%n", name, text)));
        return out.toString();
    }

    public Config load() {
        Config d = Config.defaults();
        Config.Http http = new Config.Http(
                string("PARLEY_HTTP_HOST", d.http().host()),
                integer("PARLEY_HTTP_PORT", d.http().port(), 0, 65535),
                integer("PARLEY_MAX_BODY_BYTES", d.http().maxBodyBytes(), 1024, 16 * 1024 * 1024),
                value("PARLEY_ALLOWED_ORIGINS", d.http().allowedOrigins(), ConfigLoader::origins),
                duration("PARLEY_DRAIN_TIMEOUT", d.http().drainTimeout()),
                integer("PARLEY_EVENT_LOOPS", d.http().eventLoops(), 1, 256),
                integer("PARLEY_SEND_BUFFER_BYTES", d.http().sendBufferBytes(), 4096, 64 * 1024 * 1024));
        Config.Store store = new Config.Store(
                value("PARLEY_DATA_DIR", d.store().dataDir(), Path::of),
                value("PARLEY_DATABASE_URL", d.store().databaseUrl(), ConfigLoader::databaseUrl),
                integer("PARLEY_DB_POOL_SIZE", d.store().poolSize(), 1, 500),
                integer("PARLEY_WORKER_THREADS", d.store().workerThreads(), 1, 1000));
        Config.Realtime realtime = new Config.Realtime(
                duration("PARLEY_PING_EVERY", d.realtime().pingEvery()),
                duration("PARLEY_PONG_TIMEOUT", d.realtime().pongTimeout()),
                integer("PARLEY_MAX_FRAME_BYTES", d.realtime().maxFrameBytes(), 1024, 16 * 1024 * 1024),
                integer("PARLEY_MAX_SUBSCRIPTIONS", d.realtime().maxSubscriptions(), 1, 10_000),
                integer("PARLEY_OUTBOX_BYTES", d.realtime().outboxBytes(), 1024, 1024 * 1024 * 1024),
                integer("PARLEY_REPLAY_LIMIT", d.realtime().replayLimit(), 1, 1_000_000),
                duration("PARLEY_PRESENCE_EVERY", d.realtime().presenceEvery()),
                d.realtime().gapWait());
        String adminToken = string("PARLEY_ADMIN_TOKEN", d.moderation().adminToken());
        if (!adminToken.isEmpty() && adminToken.length() < 16) {
            throw new ConfigException("PARLEY_ADMIN_TOKEN: must be at least 16 characters");
        }
        String logFormat = value("PARLEY_LOG_FORMAT", d.log().format(), raw -> oneOf(raw, "plain", "json"));
        value("PARLEY_LOG_LEVEL", "INFO", raw -> oneOf(raw.toUpperCase(), "ERROR", "WARN", "INFO", "DEBUG", "TRACE"));
        Config.Cluster cluster = new Config.Cluster(
                value("PARLEY_REDIS_URL", d.cluster().redisUrl(), ConfigLoader::redisUrl),
                value("PARLEY_NODE_ID", d.cluster().nodeId(), raw -> {
                    if (!raw.matches("[A-Za-z0-9._-]{1,64}")) {
                        throw new IllegalArgumentException("use 1 to 64 letters, digits, '.', '_' or '-'");
                    }
                    return raw;
                }),
                duration("PARLEY_RESYNC_EVERY", d.cluster().resyncEvery()));
        Config.Trust t = d.trust();
        String secret = string("PARLEY_SECRET", t.secret());
        if (!secret.isEmpty() && secret.length() < 32) {
            throw new ConfigException("PARLEY_SECRET: must be at least 32 characters");
        }
        List<String> proxies = value("PARLEY_TRUSTED_PROXIES", t.trustedProxies(), raw -> {
            List<String> cidrs = Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            dev.parley.abuse.ClientAddress.check(cidrs);
            return cidrs;
        });
        Config.Trust trust = new Config.Trust(secret,
                duration("PARLEY_EDIT_WINDOW", t.editWindow()),
                value("PARLEY_SSO_SECRET", t.ssoSecrets(), raw -> {
                    List<String> secrets = Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                    if (secrets.stream().anyMatch(s -> s.length() < 32)) {
                        throw new IllegalArgumentException("each secret must be at least 32 characters");
                    }
                    return secrets;
                }),
                value("PARLEY_RATE_LIMITS", t.rateLimits(), raw -> oneOf(raw, "on", "off").equals("on")),
                proxies,
                duration("PARLEY_IP_HASH_RETENTION", t.ipHashRetention()),
                integer("PARLEY_MAX_LINKS", t.maxLinks(), 0, 1000),
                integer("PARLEY_POST_BURST", t.postBurst(), 1, 1_000_000),
                duration("PARLEY_POST_EVERY", t.postEvery()),
                integer("PARLEY_CONNECT_BURST", t.connectBurst(), 1, 1_000_000),
                duration("PARLEY_CONNECT_EVERY", t.connectEvery()),
                integer("PARLEY_SUBSCRIBE_BURST", t.subscribeBurst(), 1, 1_000_000),
                duration("PARLEY_SUBSCRIBE_EVERY", t.subscribeEvery()));
        return new Config(http, store, realtime, new Config.Moderation(adminToken), new Config.Log(logFormat), cluster,
                trust);
    }

    private String string(String name, String fallback) {
        return value(name, fallback, s -> s);
    }

    private <T> T value(String name, T fallback, Function<String, T> parse) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return parse.apply(raw.trim());
        } catch (RuntimeException e) {
            throw new ConfigException(name + ": " + e.getMessage() + " (got \"" + raw + "\")");
        }
    }

    private int integer(String name, int fallback, int min, int max) {
        return value(name, fallback, raw -> {
            int n;
            try {
                n = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return n;
        });
    }

    private Duration duration(String name, Duration fallback) {
        return value(name, fallback, ConfigLoader::parseDuration);
    }

    /** Accepts {@code 250ms}, {@code 25s}, {@code 2m}; a plain number means seconds. */
    static Duration parseDuration(String raw) {
        String s = raw.toLowerCase();
        try {
            Duration d;
            if (s.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            } else if (s.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
            } else if (s.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
            } else if (s.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1)));
            } else if (s.endsWith("d")) {
                d = Duration.ofDays(Long.parseLong(s.substring(0, s.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(s));
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("must be positive");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration like 500ms, 25s, 2m, 1h or 30d");
        }
    }

    private static String oneOf(String raw, String... allowed) {
        for (String a : allowed) {
            if (a.equals(raw)) {
                return raw;
            }
        }
        throw new IllegalArgumentException("must be one of " + String.join(", ", allowed));
    }

    static List<String> origins(String raw) {
        List<String> out = new ArrayList<>();
        for (String part : Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            if (!part.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+(:(\\d{1,5}|\\*))?")) {
                throw new IllegalArgumentException("not an origin like https://example.com or http://localhost:*: " + part);
            }
            out.add(part.toLowerCase());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty origin list");
        }
        return List.copyOf(out);
    }

    static String redisUrl(String raw) {
        if (raw.startsWith("redis://") || raw.startsWith("rediss://")) {
            return raw;
        }
        throw new IllegalArgumentException("expected redis://host:port");
    }

    static String databaseUrl(String raw) {
        if (raw.startsWith("jdbc:sqlite:") || raw.startsWith("jdbc:postgresql:")) {
            return raw;
        }
        if (raw.startsWith("postgresql://") || raw.startsWith("postgres://")) {
            return raw;
        }
        throw new IllegalArgumentException("expected jdbc:sqlite:..., jdbc:postgresql:... or postgresql://user@host:port/db");
    }
}
