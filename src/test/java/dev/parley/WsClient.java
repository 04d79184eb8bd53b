package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real WebSocket client that records every frame it receives (like OkHttp's WebSocketRecorder).
 * It answers {@code ping} frames by itself and keeps {@code presence} frames aside, since both come
 * on timers; every other frame must be taken with {@link #next} and {@link #assertExhausted} fails
 * on leftovers.
 */
public final class WsClient implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final List<JsonObject> presence = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final boolean answerPings;
    private WebSocket socket;
    private final Object sendLock = new Object();
    private volatile int pingsSeen;

    private WsClient(boolean answerPings) {
        this.answerPings = answerPings;
    }

    public static WsClient connect(TestApp app) {
        return connect(app.wsUrl(), null, true);
    }

    public static WsClient connect(String url, String origin, boolean answerPings) {
        WsClient client = new WsClient(answerPings);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        client.socket = builder.buildAsync(URI.create(url), client.new Listener()).join();
        return client;
    }

    /** Sends are serialized with the listener's automatic pongs: the JDK allows one send at a time. */
    public WsClient send(String text) {
        synchronized (sendLock) {
            socket.sendText(text, true).join();
        }
        return this;
    }

    public WsClient send(JsonObject frame) {
        return send(frame.encode());
    }

    public WsClient subscribe(String thread, Long since) {
        JsonObject frame = new JsonObject().put("type", "subscribe").put("thread", thread);
        if (since != null) {
            frame.put("since", since);
        }
        return send(frame);
    }

    public WsClient post(String requestId, String thread, String author, String body) {
        return send(new JsonObject().put("type", "post").put("id", requestId).put("thread", thread)
                .put("author", author).put("body", body));
    }

    public void sendBinary(byte[] data) {
        synchronized (sendLock) {
            socket.sendBinary(ByteBuffer.wrap(data), true).join();
        }
    }

    /** The next frame; fails if none arrives in time. */
    public JsonObject next() {
        return next(WAIT);
    }

    public JsonObject next(Duration wait) {
        try {
            JsonObject frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                fail("no frame within " + wait + (closed.isDone() ? " (closed with " + closed.getNow(0) + ")" : ""));
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next frame, which must have this type. */
    public JsonObject next(String type) {
        JsonObject frame = next();
        assertThat(frame.getString("type")).as("frame %s", frame.encode()).isEqualTo(type);
        return frame;
    }

    /** Fails if any frame (other than ping/presence) arrives within {@code quiet}. */
    public void assertExhausted(Duration quiet) {
        try {
            JsonObject extra = frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(extra).as("unexpected frame").isNull();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops reading from the socket: the server's writes back up as a slow reader's would. */
    public void stopReading() {
        reading.set(false);
    }

    public int awaitClose() {
        return awaitClose(WAIT);
    }

    public int awaitClose(Duration wait) {
        try {
            return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("connection not closed within " + wait, e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    public int pingsSeen() {
        return pingsSeen;
    }

    public synchronized List<JsonObject> presenceFrames() {
        return List.copyOf(presence);
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonObject frame = new JsonObject(partial.toString());
                partial.setLength(0);
                String type = frame.getString("type");
                if ("ping".equals(type)) {
                    pingsSeen++;
                    if (answerPings) {
                        synchronized (sendLock) {
                            ws.sendText("{\"type\":\"pong\"}", true).join();
                        }
                    }
                } else if ("presence".equals(type)) {
                    synchronized (WsClient.this) {
                        presence.add(frame);
                    }
                } else {
                    frames.add(frame);
                }
            }
            if (reading.get()) {
                ws.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            if (answerPings) {
                ws.sendPong(message);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }
    }
}
