package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A join replays what the client missed and goes live with no gap and no duplicate, even while others post. */
class JoinsTest {
    @TempDir
    Path dir;

    @Test
    void aCommitBetweenTheJoinAndItsReadIsDeliveredExactlyOnce() {
        try (ShardFixture f = new ShardFixture(dir, 1 << 20, Resync.NEVER)) {
            f.post("j", "one");
            f.post("j", "two");
            TestSocket reader = f.connect();
            reader.send("{\"type\":\"subscribe\",\"thread\":\"j\",\"since\":0}");
            f.loop.runPending();
            assertThat(f.loop.fetches).as("the replay read waits").hasSize(1);

            f.post("j", "three, committed while the join reads");
            f.loop.runPending();
            assertThat(reader.messages()).as("held, not sent, while joining").isEmpty();

            f.loop.completeFetches();
            List<JsonObject> frames = reader.messages();
            assertThat(ShardFixture.seqs(frames)).containsExactly(1L, 2L, 3L);
            assertThat(frames).filteredOn(m -> "subscribed".equals(m.getString("type")))
                    .singleElement().satisfies(m -> assertThat(m.getLong("seq")).isEqualTo(3L));
        }
    }

    @Test
    void aCommitAfterTheReadIsHeldAndSentAfterTheReplay() {
        try (ShardFixture f = new ShardFixture(dir, 1 << 20, Resync.NEVER)) {
            f.post("k", "one");
            TestSocket reader = f.connect();
            reader.send("{\"type\":\"subscribe\",\"thread\":\"k\",\"since\":0}");
            f.loop.runPending();
            ManualLoop.Fetch<?> read = f.loop.fetches.remove(0);
            read.complete(); // the read saw seq 1 only; its answer has not reached the loop's turn yet
            f.post("k", "two");
            f.loop.runPending();
            f.loop.completeFetches();
            assertThat(reader.messages()).extracting(m -> m.getString("type") + ":" + m.getLong("seq"))
                    .containsExactly("comment:1", "subscribed:1", "comment:2");
        }
    }

    @Test
    void aSubscribeToALiveFeedNeedsNoRead() {
        try (ShardFixture f = new ShardFixture(dir, 1 << 20, Resync.NEVER)) {
            TestSocket first = f.connect();
            first.send("{\"type\":\"subscribe\",\"thread\":\"l\"}");
            f.loop.runPending();
            f.loop.completeFetches();
            TestSocket second = f.connect();
            second.send("{\"type\":\"subscribe\",\"thread\":\"l\"}");
            f.loop.runPending();
            assertThat(f.loop.fetches).isEmpty();
            assertThat(second.messages()).extracting(m -> m.getString("type")).containsExactly("subscribed");
        }
    }
}
