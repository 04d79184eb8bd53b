package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.WsClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Replay and live delivery must join with no gap and no duplicate while others are posting. */
class JoinWhilePostingTest {
    private static final int POSTERS = 10;
    private static final int COMMENTS = 200;

    @Test
    void subscribersJoiningDuringTenPostersSeeSeq1To200ExactlyOnceInOrder() throws Exception {
        try (TestApp app = TestApp.start()) {
            AtomicInteger next = new AtomicInteger();
            CountDownLatch someWritten = new CountDownLatch(20);
            CountDownLatch halfWritten = new CountDownLatch(COMMENTS / 2);
            ExecutorService pool = Executors.newFixedThreadPool(POSTERS);
            List<Future<?>> posters = new ArrayList<>();
            WsClient early = WsClient.connect(app).subscribe("busy", 0L);
            for (int p = 0; p < POSTERS; p++) {
                posters.add(pool.submit(() -> {
                    int n;
                    while ((n = next.incrementAndGet()) <= COMMENTS) {
                        Http.postComment(app, "busy", "poster", "comment " + n);
                        someWritten.countDown();
                        halfWritten.countDown();
                    }
                }));
            }
            someWritten.await();
            WsClient middle = WsClient.connect(app).subscribe("busy", 0L);
            halfWritten.await();
            WsClient late = WsClient.connect(app).subscribe("busy", 3L);
            // Joins of a live feed that need no replay (no since, or since = the feed's seq) skip
            // the database: they must be exact all the same.
            WsClient fresh = WsClient.connect(app).subscribe("busy", null);
            JsonObject freshSubscribed = fresh.next("subscribed");
            WsClient caughtUp = WsClient.connect(app).subscribe("busy", freshSubscribed.getLong("seq"));
            for (Future<?> poster : posters) {
                poster.get();
            }
            pool.shutdown();

            assertSeesEverySeqOnce(early, 1);
            assertSeesEverySeqOnce(middle, 1);
            assertSeesEverySeqOnce(late, 4);
            assertSeesEverySeqOnceAfter(fresh, freshSubscribed.getLong("seq"));
            assertSeesEverySeqOnce(caughtUp, freshSubscribed.getLong("seq") + 1);
            for (WsClient client : List.of(early, middle, late, fresh, caughtUp)) {
                client.close();
            }
        }
    }

    /** After its {@code subscribed} frame (already read), the client sees every later seq once. */
    private static void assertSeesEverySeqOnceAfter(WsClient client, long subscribedSeq) {
        for (long expected = subscribedSeq + 1; expected <= COMMENTS; expected++) {
            JsonObject frame = client.next();
            assertThat(frame.getString("type")).isEqualTo("comment");
            assertThat(frame.getLong("seq")).as("seq in order without gap or duplicate").isEqualTo(expected);
        }
        client.assertExhausted(Duration.ofMillis(300));
    }

    private static void assertSeesEverySeqOnce(WsClient client, long first) {
        long expected = first;
        boolean subscribed = false;
        while (expected <= COMMENTS) {
            JsonObject frame = client.next();
            if (frame.getString("type").equals("subscribed")) {
                assertThat(subscribed).as("one subscribed frame").isFalse();
                assertThat(frame.getLong("seq")).isEqualTo(expected - 1);
                subscribed = true;
                continue;
            }
            assertThat(frame.getString("type")).isEqualTo("comment");
            assertThat(frame.getLong("seq")).as("seq in order without gap or duplicate").isEqualTo(expected);
            expected++;
        }
        if (!subscribed) {
            assertThat(client.next("subscribed").getLong("seq")).isEqualTo(COMMENTS);
        }
        client.assertExhausted(Duration.ofMillis(300));
    }
}
