package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.CloseCode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything one connection makes the node keep on its way out adds up to one budget
 * (PARLEY_OUTBOX_BYTES): frames held while its subscriptions join, over all its subscriptions,
 * and answers to its pings.
 */
class ConnectionBudgetTest {
    private static final int BUDGET = 4096;

    @TempDir
    Path dir;

    @Test
    void framesHeldByAllOfAConnectionsJoiningSubscriptionsShareOneBudget() {
        try (ShardFixture f = new ShardFixture(dir, BUDGET, Resync.NEVER)) {
            TestSocket other = f.connect();
            for (String thread : new String[] {"a", "b", "c"}) {
                f.post(thread, "first");
                other.send("{\"type\":\"subscribe\",\"thread\":\"" + thread + "\"}");
            }
            f.loop.runPending();
            f.loop.completeFetches();
            TestSocket reader = f.connect();
            for (String thread : new String[] {"a", "b", "c"}) {
                reader.send("{\"type\":\"subscribe\",\"thread\":\"" + thread + "\",\"since\":0}");
            }
            f.loop.runPending();
            assertThat(f.loop.fetches).as("three joins replaying").hasSize(3);
            // Each thread holds a ~1,500-byte frame (body and html), far under the budget alone;
            // the three together pass it.
            String body = "x".repeat(700);
            f.post("a", body);
            f.post("b", body);
            f.loop.runPending();
            assertThat(reader.channel.isOpen()).isTrue();
            f.post("c", body);
            f.loop.runPending();
            assertThat(reader.closeCode()).isEqualTo(CloseCode.TOO_SLOW);
        }
    }

    @Test
    void aPingIsNotAnsweredPastTheBudget() {
        try (ShardFixture f = new ShardFixture(dir, BUDGET, Resync.NEVER)) {
            TestSocket client = f.connect();
            // A frame the client has not taken fills the budget: it stopped reading.
            client.channel.write(new io.netty.handler.codec.http.websocketx.TextWebSocketFrame("x".repeat(BUDGET)));
            assertThat(client.channel.isWritable()).isFalse();
            client.ping(new byte[125]);
            assertThat(client.frames()).noneMatch(frame -> frame instanceof io.netty.handler.codec.http.websocketx.PongWebSocketFrame)
                    .anyMatch(frame -> frame instanceof io.netty.handler.codec.http.websocketx.CloseWebSocketFrame c
                            && c.statusCode() == CloseCode.TOO_SLOW);
        }
    }

    @Test
    void tooManyControlFramesInASecondCloseTheConnection() {
        try (ShardFixture f = new ShardFixture(dir, 1 << 20, Resync.NEVER)) {
            TestSocket client = f.connect();
            for (int i = 0; i < Session.MAX_CONTROL_FRAMES_PER_SECOND; i++) {
                client.ping(new byte[] {1});
            }
            assertThat(client.channel.isOpen()).isTrue();
            f.loop.advance(1000);
            for (int i = 0; i < Session.MAX_CONTROL_FRAMES_PER_SECOND; i++) {
                client.ping(new byte[] {2});
            }
            assertThat(client.channel.isOpen()).as("ten a second is allowed").isTrue();
            client.ping(new byte[] {3});
            assertThat(client.closeCode()).isEqualTo(CloseCode.POLICY);
        }
    }
}
