package dev.parley.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every setting of a Parley node, as one record tree. {@link #defaults()} is the single place where
 * defaults live; {@link ConfigLoader} overlays environment variables on top of it.
 */
public record Config(Http http, Store store, Realtime realtime, Moderation moderation, Log log, Cluster cluster,
                     Trust trust) {

    /** The HTTP edge: port, request limits, and which browser origins may change state or upgrade. */
    public record Http(String host, int port, int maxBodyBytes, List<String> allowedOrigins,
                       Duration drainTimeout, int eventLoops, int sendBufferBytes) {
    }

    /** Where comments live: a data directory and a JDBC URL (empty = SQLite file in the data dir). */
    public record Store(Path dataDir, String databaseUrl, int poolSize, int workerThreads) {
    }

    /** WebSocket delivery: heartbeat, frame and queue limits, replay cap, presence pacing. */
    public record Realtime(Duration pingEvery, Duration pongTimeout, int maxFrameBytes,
                           int maxSubscriptions, int outboxBytes, int replayLimit,
                           Duration presenceEvery, Duration gapWait) {
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
     * Scale-out: with a Redis URL, events fan out across nodes through Redis pub/sub; empty means
     * a single node with in-process fan-out. {@code resyncEvery}: how long a thread may stay quiet
     * before this node checks the database for events Redis may have dropped.
     */
    public record Cluster(String redisUrl, String nodeId, Duration resyncEvery) {
        public boolean redis() {
            return !redisUrl.isEmpty();
        }
    }

    /**
     * Identity and abuse control. {@code secret} empty: generated once and kept in the data dir.
     * Limits are token buckets: a burst, then one more every interval.
     */
    public record Trust(String secret, Duration editWindow, List<String> ssoSecrets, boolean rateLimits,
                        List<String> trustedProxies, Duration ipHashRetention, int maxLinks,
                        int postBurst, Duration postEvery, int connectBurst, Duration connectEvery,
                        int subscribeBurst, Duration subscribeEvery) {
    }

    public static Config defaults() {
        return new Config(
                new Http("0.0.0.0", 8080, 64 * 1024,
                        List.of("http://localhost:*", "http://127.0.0.1:*"),
                        Duration.ofSeconds(10), Runtime.getRuntime().availableProcessors(), 256 * 1024),
                new Store(Path.of("data"), "", 8, 16),
                new Realtime(Duration.ofSeconds(25), Duration.ofSeconds(10), 64 * 1024,
                        50, 1024 * 1024, 1000, Duration.ofSeconds(1), Duration.ofMillis(250)),
                new Moderation(""),
                new Log("plain"),
                new Cluster("", "", Duration.ofSeconds(5)),
                new Trust("", Duration.ofMinutes(15), List.of(), true, List.of(), Duration.ofDays(30), 5,
                        5, Duration.ofSeconds(3), 50, Duration.ofSeconds(1), 20, Duration.ofMillis(200)));
    }
}
