package dev.parley.realtime;

import dev.parley.abuse.Limit;
import dev.parley.abuse.RateLimiter;
import dev.parley.comment.CommentService;
import dev.parley.comment.Guard;
import dev.parley.comment.Markdown;
import dev.parley.comment.NewComment;
import dev.parley.comment.Poster;
import dev.parley.metrics.Metrics;
import dev.parley.posting.Posting;
import dev.parley.protocol.Frames;
import dev.parley.protocol.Json;
import dev.parley.protocol.ThreadEvent;
import dev.parley.store.Database;
import dev.parley.store.JdbcCommentStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One shard on a {@link ManualLoop}, with a real SQLite store behind it and a broker that can
 * drop events on demand: the realtime jobs, driven step by step without threads or sleeps.
 */
final class ShardFixture implements AutoCloseable {
    final ManualLoop loop = new ManualLoop(1_000_000);
    final Metrics metrics = new Metrics();
    final Database database;
    final Hub hub;
    final FakeBroker broker;
    /** The broker events go through: the fake one, or one under test. */
    final Broker usedBroker;
    /** Every (thread, seq) the hub dispatched, in order. */
    final java.util.List<String> dispatched = new java.util.concurrent.CopyOnWriteArrayList<>();
    final CommentService comments;
    final Shard shard;
    private int posts;

    ShardFixture(Path dataDir, int outboxBytes, Resync resync) {
        this(dataDir, outboxBytes, resync, null);
    }

    /** {@code brokerOf}: the broker to run on this fixture's hub; null for the fake one. */
    ShardFixture(Path dataDir, int outboxBytes, Resync resync, java.util.function.Function<Hub, Broker> brokerOf) {
        Frames frames = new Frames(new Json());
        database = new Database(new Database.Settings(dataDir, "", 2), metrics.registry());
        JdbcCommentStore store = new JdbcCommentStore(database, authorId -> "key-" + authorId);
        hub = new Hub(frames, (thread, seq) -> dispatched.add(thread + ":" + seq));
        broker = new FakeBroker(hub);
        usedBroker = brokerOf == null ? broker : brokerOf.apply(hub);
        Guard guard = new Guard(store, RateLimiter.OFF, new Guard.Rules(new Limit(5, Duration.ofSeconds(1)),
                new Limit(5, Duration.ofSeconds(1)), 100, Duration.ofMinutes(10), new Limit(5, Duration.ofSeconds(1)),
                new Limit(5, Duration.ofSeconds(1))));
        comments = new CommentService(store, new Markdown(), usedBroker, guard, Duration.ofMinutes(15), Clock.systemUTC());
        RealtimeSettings settings = new RealtimeSettings(64 * 1024, Duration.ofSeconds(25), Duration.ofSeconds(10),
                50, outboxBytes, 1000, Duration.ofSeconds(1), Duration.ofMillis(250), resync, null);
        Realtime realtime = new Realtime(hub, new Interest(usedBroker, metrics), new Presence(), comments,
                new Posting(identities(dataDir), comments, metrics), new Json(), frames, metrics, settings);
        shard = realtime.shard(loop);
        shard.start();
    }

    private static dev.parley.identity.Identities identities(Path dataDir) {
        var secret = dev.parley.identity.ServerSecret.load("", dataDir);
        return new dev.parley.identity.Identities(new dev.parley.identity.AuthorTokens(secret),
                new dev.parley.identity.SsoTokens(dev.parley.identity.SsoSites.none(), new Json(), Clock.systemUTC()),
                new dev.parley.identity.AddressHasher(secret), secret, "");
    }

    /** Commits a comment now (its event goes through the broker, unless the broker drops it). */
    ThreadEvent post(String thread, String body) {
        posts++;
        return comments.post(new NewComment(thread, null, "Ann", body, null),
                Poster.anonymous("author-" + posts, "ip", false)).event();
    }

    TestSocket connect() {
        return new TestSocket(shard, "ip-hash");
    }

    /** The seqs of the comment and updated frames among {@code messages}, in order. */
    static List<Long> seqs(List<io.vertx.core.json.JsonObject> messages) {
        List<Long> seqs = new ArrayList<>();
        for (var m : messages) {
            if ("comment".equals(m.getString("type")) || "updated".equals(m.getString("type"))) {
                seqs.add(m.getLong("seq"));
            }
        }
        return seqs;
    }

    @Override
    public void close() {
        shard.stop();
        usedBroker.close();
        database.close();
        metrics.close();
    }
}
