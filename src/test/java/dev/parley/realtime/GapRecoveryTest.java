package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events the broker lost reach every reader anyway, in order and once, from the database. */
class GapRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void aGapIsFilledFromTheDatabaseAfterTheGapWait() {
        try (ShardFixture f = new ShardFixture(dir, 1 << 20, Resync.NEVER)) {
            TestSocket reader = f.connect();
            reader.send("{\"type\":\"subscribe\",\"thread\":\"g\"}");
            f.loop.runPending();
            f.loop.completeFetches();
            assertThat(reader.messages()).extracting(m -> m.getString("type")).containsExactly("subscribed");

            f.post("g", "one");
            f.broker.failOnPublish(true);
            f.post("g", "two (lost on the way)");
            f.broker.failOnPublish(false);
            f.post("g", "three");
            f.loop.runPending();
            assertThat(ShardFixture.seqs(reader.messages())).as("three waits for two").containsExactly(1L);
            assertThat(f.loop.fetches).as("no read before the gap wait").isEmpty();

            f.loop.advance(249);
            assertThat(f.loop.fetches).isEmpty();
            f.loop.advance(1);
            assertThat(f.loop.fetches).as("one catch-up read").hasSize(1);
            f.loop.completeFetches();
            assertThat(ShardFixture.seqs(reader.messages())).containsExactly(2L, 3L);
        }
    }

    @Test
    void aQuietFeedIsCheckedAgainstTheDatabaseWhenTheBrokerCanLoseEvents() {
        try (ShardFixture f = new ShardFixture(dir, 1 << 20, Resync.whenQuietFor(Duration.ofSeconds(5)))) {
            TestSocket reader = f.connect();
            reader.send("{\"type\":\"subscribe\",\"thread\":\"q\"}");
            f.loop.runPending();
            f.loop.completeFetches();
            reader.messages();

            f.broker.failOnPublish(true);
            f.post("q", "the last word, lost: no later event shows the gap");
            f.loop.runPending();
            assertThat(ShardFixture.seqs(reader.messages())).isEmpty();

            f.loop.advance(Duration.ofSeconds(10).toMillis());
            f.loop.completeFetches();
            assertThat(ShardFixture.seqs(reader.messages())).containsExactly(1L);
        }
    }

    @Test
    void afterABrokerOutageEveryFeedCatchesUp() {
        try (ShardFixture f = new ShardFixture(dir, 1 << 20, Resync.NEVER)) {
            TestSocket reader = f.connect();
            reader.send("{\"type\":\"subscribe\",\"thread\":\"a\"}");
            reader.send("{\"type\":\"subscribe\",\"thread\":\"b\"}");
            f.loop.runPending();
            f.loop.completeFetches();
            reader.messages();

            f.broker.failOnPublish(true);
            f.post("a", "lost 1");
            f.post("b", "lost 2");
            f.broker.failOnPublish(false);
            f.hub.resync();
            f.loop.runPending();
            f.loop.completeFetches();
            assertThat(reader.messages()).extracting(m -> m.getString("thread") + ":" + m.getLong("seq"))
                    .containsExactlyInAnyOrder("a:1", "b:1");
        }
    }
}
