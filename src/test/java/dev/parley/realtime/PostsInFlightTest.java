package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.CloseCode;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection's posts wait for the shared worker pool, whose queue has no bound of its own: one
 * connection may have only {@link Session#MAX_POSTS_IN_FLIGHT} of them waiting; the rest are
 * answered rate_limited at once, and room comes back with each answer.
 */
class PostsInFlightTest {
    @TempDir
    Path dir;

    @Test
    void aBurstOfPostsOnOneConnectionPutsOnlyItsShareOnTheWorkerPool() {
        try (ShardFixture f = new ShardFixture(dir, 1 << 20, Resync.NEVER)) {
            TestSocket client = f.connect();
            for (int i = 0; i < Session.MAX_POSTS_IN_FLIGHT + 20 && client.channel.isOpen(); i++) {
                client.send(post("r" + i));
                f.loop.runPending();
            }
            assertThat(f.loop.fetches).as("posts waiting for the worker pool").hasSize(Session.MAX_POSTS_IN_FLIGHT);
            List<WebSocketFrame> frames = client.frames();
            List<JsonObject> refused = frames.stream().filter(TextWebSocketFrame.class::isInstance)
                    .map(t -> new JsonObject(((TextWebSocketFrame) t).text()))
                    .filter(m -> "error".equals(m.getString("type"))).toList();
            assertThat(refused).as("the tenth refusal in a row closes the connection").hasSize(10)
                    .allSatisfy(m -> assertThat(m.getString("code")).isEqualTo("rate_limited"));
            assertThat(frames).last().isInstanceOfSatisfying(CloseWebSocketFrame.class,
                    close -> assertThat(close.statusCode()).isEqualTo(CloseCode.RATE_LIMITED));
        }
    }

    @Test
    void eachAnswerMakesRoomForAnotherPost() {
        try (ShardFixture f = new ShardFixture(dir, 1 << 20, Resync.NEVER)) {
            TestSocket client = f.connect();
            for (int i = 0; i < Session.MAX_POSTS_IN_FLIGHT; i++) {
                client.send(post("first" + i));
            }
            client.send(post("one too many"));
            f.loop.runPending();
            assertThat(answers(client, "error")).containsExactly("one too many");
            f.loop.completeFetches();
            assertThat(answers(client, "ack")).hasSize(Session.MAX_POSTS_IN_FLIGHT);

            client.send(post("after the answers"));
            f.loop.runPending();
            f.loop.completeFetches();
            assertThat(answers(client, "ack")).containsExactly("after the answers");
        }
    }

    /** The request ids of the answers of this type since the last look. */
    private static List<String> answers(TestSocket client, String type) {
        return client.messages().stream().filter(m -> type.equals(m.getString("type")))
                .map(m -> m.getString("id")).toList();
    }

    private static String post(String requestId) {
        return new JsonObject().put("type", "post").put("id", requestId).put("thread", "burst")
                .put("author", "Ann").put("body", "hello " + requestId).encode();
    }
}
