package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Http;
import dev.parley.RawWsClient;
import dev.parley.RedisProcess;
import dev.parley.Services;
import dev.parley.TestApp;
import dev.parley.WsClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two stateless nodes on one PostgreSQL database and one Redis: the protocol's promise holds across them. */
class ClusterTest {
    private String database;
    private RedisProcess redis;
    private final List<TestApp> nodes = new ArrayList<>();
    private final List<WsClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        database = Services.createPostgresDatabase();
        redis = RedisProcess.start();
        nodes.add(node("a"));
        nodes.add(node("b"));
    }

    @AfterEach
    void stop() {
        clients.forEach(WsClient::close);
        nodes.forEach(TestApp::close);
        redis.close();
        Services.dropPostgresDatabase(database);
    }

    private TestApp node(String name) {
        return TestApp.start(Map.of("PARLEY_DATABASE_URL", database, "PARLEY_REDIS_URL", redis.url(),
                "PARLEY_NODE_ID", name, "PARLEY_RESYNC_EVERY", "1s"));
    }

    private WsClient reader(TestApp node, String thread) {
        WsClient client = WsClient.connect(node);
        clients.add(client);
        client.subscribe(thread, 0L).next("subscribed");
        return client;
    }

    /** Posts {@code perPoster} comments from each of 5 posters on each node, all at once. */
    private int postConcurrently(String thread, int perPoster, Runnable midway) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        AtomicInteger done = new AtomicInteger();
        int total = 10 * perPoster;
        List<Future<?>> posters = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            TestApp node = nodes.get(p % 2);
            int poster = p;
            posters.add(pool.submit(() -> {
                for (int i = 0; i < perPoster; i++) {
                    postWithRetry(node, thread, "poster " + poster + " #" + i, "k" + poster + "-" + i);
                    if (done.incrementAndGet() == total / 2 && midway != null) {
                        midway.run();
                    }
                }
            }));
        }
        for (Future<?> f : posters) {
            f.get();
        }
        pool.shutdown();
        return total;
    }

    /** A poster retries with its idempotency key until the post commits (as the widget does). */
    static void postWithRetry(TestApp node, String thread, String body, String key) {
        String json = new JsonObject().put("thread", thread).put("author", "poster").put("body", body).encode();
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                int status = Http.postJson(node.baseUrl() + "/api/v1/comments", json, "Idempotency-Key", key).statusCode();
                if (status == 201 || status == 200) {
                    return;
                }
            } catch (IllegalStateException connectionFailed) {
                // retried below
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("post never committed: " + body);
    }

    static void assertReceivesSeqs(WsClient client, long from, long to) {
        for (long seq = from; seq <= to; seq++) {
            JsonObject frame = client.next(Duration.ofSeconds(20));
            assertThat(frame.getString("type")).isEqualTo("comment");
            assertThat(frame.getLong("seq")).as("exactly once, in order").isEqualTo(seq);
        }
        client.assertExhausted(Duration.ofMillis(300));
    }

    private void assertDatabaseHasGapFreeSeqs(String thread, int total) {
        List<Long> seqs = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonObject page = Http.json(Http.get(nodes.get(0).baseUrl() + "/api/v1/events?thread=" + thread
                    + "&after=" + after + "&limit=500"));
            var events = page.getJsonArray("events");
            if (events.isEmpty()) {
                break;
            }
            for (int i = 0; i < events.size(); i++) {
                seqs.add(events.getJsonObject(i).getLong("seq"));
            }
            after = seqs.get(seqs.size() - 1);
        }
        assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    }

    @Test
    void everyClientOnEitherNodeReceivesEveryCommentOnceInOrder() throws Exception {
        List<WsClient> readers = List.of(reader(nodes.get(0), "multi"), reader(nodes.get(0), "multi"),
                reader(nodes.get(1), "multi"), reader(nodes.get(1), "multi"));
        int total = postConcurrently("multi", 20, null);
        for (WsClient r : readers) {
            assertReceivesSeqs(r, 1, total);
        }
        assertDatabaseHasGapFreeSeqs("multi", total);
    }

    @Test
    void clientsCatchUpWithoutReconnectingAfterRedisIsKilledFor5Seconds() throws Exception {
        List<WsClient> readers = List.of(reader(nodes.get(0), "outage"), reader(nodes.get(1), "outage"));
        int total = postConcurrently("outage", 20, () -> {
            redis.kill();
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            redis.startServer();
        });
        for (WsClient r : readers) {
            assertReceivesSeqs(r, 1, total);
            assertThat(r.isClosed()).isFalse();
        }
        assertDatabaseHasGapFreeSeqs("outage", total);
    }

    @Test
    void clientsOfAStoppedNodeGet1012AndReplayFromTheOtherNode() throws Exception {
        WsClient onA = reader(nodes.get(0), "failover");
        WsClient onB = reader(nodes.get(1), "failover");
        for (int i = 1; i <= 10; i++) {
            postWithRetry(nodes.get(1), "failover", "before " + i, "before-" + i);
        }
        assertReceivesSeqs(onA, 1, 10);
        nodes.get(0).stop();
        assertThat(onA.awaitClose()).isEqualTo(1012);
        for (int i = 1; i <= 10; i++) {
            postWithRetry(nodes.get(1), "failover", "while away " + i, "away-" + i);
        }
        WsClient again = WsClient.connect(nodes.get(1));
        clients.add(again);
        again.subscribe("failover", 10L);
        for (long seq = 11; seq <= 20; seq++) {
            assertThat(again.next("comment").getLong("seq")).isEqualTo(seq);
        }
        assertThat(again.next("subscribed").getLong("seq")).isEqualTo(20);
        assertReceivesSeqs(onB, 1, 20);
    }

    @Test
    void presenceCountsReadersOnAllNodes() {
        WsClient a = reader(nodes.get(0), "who");
        reader(nodes.get(1), "who");
        reader(nodes.get(1), "who");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            long online = Http.json(Http.get(nodes.get(0).baseUrl() + "/api/v1/threads?thread=who")).getLong("online");
            List<JsonObject> frames = a.presenceFrames();
            if (online == 3 && !frames.isEmpty() && frames.get(frames.size() - 1).getLong("online") == 3) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("presence never reached 3 on node a: " + a.presenceFrames());
    }

    @Test
    void readinessSaysDegradedWhileRedisIsDownAndPostingStillWorks() {
        WsClient local = reader(nodes.get(0), "degraded");
        redis.kill();
        JsonObject status;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            status = Http.json(Http.get(nodes.get(0).baseUrl() + "/readyz"));
        } while (!"degraded".equals(status.getString("status")) && System.nanoTime() < deadline);
        assertThat(status.getString("status")).isEqualTo("degraded");
        assertThat(Http.get(nodes.get(0).baseUrl() + "/readyz").statusCode()).isEqualTo(200);
        Http.postComment(nodes.get(0), "degraded", "Ann", "local delivery goes on");
        assertThat(local.next("comment").getLong("seq")).isEqualTo(1);
        redis.startServer();
    }

    @Test
    void aCachedFirstPageIsNeverStaleAfterAPostOnAnotherNode() {
        for (int i = 1; i <= 5; i++) {
            Http.postComment(nodes.get(0), "cached", "Ann", "c" + i);
            JsonObject onB = Http.json(Http.get(nodes.get(1).baseUrl() + "/api/v1/comments?thread=cached"));
            Http.json(Http.get(nodes.get(1).baseUrl() + "/api/v1/comments?thread=cached"));
            assertThat(onB.getLong("seq")).isEqualTo(i);
            assertThat(onB.getJsonArray("comments")).hasSize(i);
        }
    }

    @Test
    void aCachedFirstTreePageIsNeverStaleAfterAPostOnAnotherNode() {
        for (int i = 1; i <= 5; i++) {
            Http.postComment(nodes.get(0), "cached-tree", "Ann", "c" + i);
            String url = nodes.get(1).baseUrl() + "/api/v1/comments?thread=cached-tree&order=newest";
            JsonObject onB = Http.json(Http.get(url));
            Http.json(Http.get(url));
            assertThat(onB.getLong("seq")).isEqualTo(i);
            assertThat(onB.getJsonArray("comments")).hasSize(i);
            assertThat(onB.getJsonArray("comments").getJsonObject(0).getString("body")).isEqualTo("c" + i);
        }
    }

    @Test
    void postAndConnectionLimitsAreSharedByTheNodes() {
        String db = Services.createPostgresDatabase();
        Map<String, String> limited = Map.of("PARLEY_DATABASE_URL", db, "PARLEY_REDIS_URL", redis.url(),
                "PARLEY_RATE_LIMITS", "on", "PARLEY_POST_BURST", "4", "PARLEY_POST_EVERY", "60s",
                "PARLEY_CONNECT_BURST", "4", "PARLEY_CONNECT_EVERY", "60s",
                "PARLEY_SECRET", "one-secret-shared-by-every-node-of-the-cluster");
        try (TestApp a = TestApp.start(limited); TestApp b = TestApp.start(limited);
             WsClient a1 = WsClient.connect(a); WsClient b1 = WsClient.connect(b);
             WsClient a2 = WsClient.connect(a); WsClient b2 = WsClient.connect(b)) {
            assertThatThrownBy(() -> RawWsClient.connect(a.port(), 65536)).as("a fifth connection, on either node")
                    .hasMessageContaining("429");
            assertThatThrownBy(() -> RawWsClient.connect(b.port(), 65536)).hasMessageContaining("429");
            b2.subscribe("limits", null).next("subscribed");

            for (int i = 0; i < 2; i++) {
                assertThat(Http.postJson(a.baseUrl() + "/api/v1/comments", new JsonObject().put("thread", "limits")
                        .put("author", "x").put("body", "on a " + i).encode()).statusCode()).isEqualTo(201);
                assertThat(Http.postJson(b.baseUrl() + "/api/v1/comments", new JsonObject().put("thread", "limits")
                        .put("author", "x").put("body", "on b " + i).encode()).statusCode()).isEqualTo(201);
            }
            var refused = Http.postJson(b.baseUrl() + "/api/v1/comments", new JsonObject().put("thread", "limits")
                    .put("author", "x").put("body", "fifth, on either node").encode());
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(Http.json(refused).getJsonObject("error").getString("code")).isEqualTo("rate_limited");

            // Redis gone: each node counts connections itself again, without hanging or refusing all.
            redis.kill();
            List<WsClient> onA = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    onA.add(WsClient.connect(a));
                }
                assertThatThrownBy(() -> RawWsClient.connect(a.port(), 65536)).hasMessageContaining("429");
            } finally {
                onA.forEach(WsClient::close);
            }
        } finally {
            Services.dropPostgresDatabase(db);
        }
    }
}
