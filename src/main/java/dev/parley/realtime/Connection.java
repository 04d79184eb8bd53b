package dev.parley.realtime;

import dev.parley.comment.CommentRules;
import dev.parley.comment.Failures;
import dev.parley.comment.NewComment;
import dev.parley.metrics.Metrics;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.CloseCode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Json;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one accepted WebSocket's frames and turns them into shard calls. A bad frame gets an
 * {@code error} frame and the connection stays up; binary frames close it with 1003, oversized
 * messages with 1009.
 */
public final class Connection {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final Shard shard;
    private final Json json;

    public Connection(Shard shard, Json json) {
        this.shard = shard;
        this.json = json;
    }

    /** Takes over an accepted socket; runs on the socket's event loop, which is the shard's. */
    public void open(ServerWebSocket ws) {
        RealtimeSettings settings = shard.settings();
        Session session = new Session(ws, shard.metrics(), settings.outboxBytes(), System.currentTimeMillis(),
                settings.pingEvery().toMillis());
        shard.opened(session);
        ws.textMessageHandler(text -> onText(session, text));
        ws.binaryMessageHandler(data -> session.close(CloseCode.UNSUPPORTED_DATA, "binary frames are not supported"));
        ws.pongHandler(data -> session.pong());
        ws.exceptionHandler(failure -> onFailure(session, failure));
        ws.closeHandler(v -> shard.closed(session));
    }

    private void onFailure(Session session, Throwable failure) {
        // Vert.x reports an over-long message (one big frame, or fragments adding up) only here,
        // and keeps the socket running: close it ourselves, as the protocol says.
        String text = String.valueOf(failure.getMessage());
        if (failure instanceof CorruptedWebSocketFrameException || text.contains("max message size")) {
            session.close(CloseCode.TOO_BIG, "frame too big");
        } else {
            log.debug("websocket failure: {}", failure.toString());
        }
    }

    private void onText(Session session, String text) {
        long receivedNanos = System.nanoTime();
        session.framesIn++;
        Metrics metrics = shard.metrics();
        String requestId = null;
        try {
            JsonObject frame = json.parseObject(text);
            Object id = frame.getValue("id");
            requestId = id instanceof String s ? s : null;
            Object type = frame.getValue("type");
            switch (type instanceof String s ? s : "") {
                case "subscribe" -> {
                    metrics.frameIn(Metrics.In.SUBSCRIBE);
                    shard.subscribe(session, CommentRules.thread(frame.getValue("thread")),
                            since(frame.getValue("since")));
                }
                case "unsubscribe" -> {
                    metrics.frameIn(Metrics.In.UNSUBSCRIBE);
                    String thread = CommentRules.thread(frame.getValue("thread"));
                    shard.unsubscribe(session, thread);
                    session.send(shard.frames().unsubscribed(thread), Metrics.Out.UNSUBSCRIBED);
                }
                case "post" -> {
                    metrics.frameIn(Metrics.In.POST);
                    post(session, requestId, frame, receivedNanos);
                }
                case "pong" -> {
                    metrics.frameIn(Metrics.In.PONG);
                    session.pong();
                }
                default -> throw new ApiException(ErrorCode.INVALID_FRAME,
                        "unknown frame type; expected subscribe, unsubscribe, post or pong");
            }
        } catch (ApiException e) {
            if (e.code() == ErrorCode.INVALID_JSON || e.code() == ErrorCode.INVALID_FRAME) {
                metrics.frameIn(Metrics.In.INVALID);
            }
            session.send(shard.frames().error(requestId, e.code(), e.getMessage()), Metrics.Out.ERROR);
        }
    }

    private void post(Session session, String requestId, JsonObject frame, long receivedNanos) {
        Object key = frame.getValue("key");
        if (key != null && !(key instanceof String)) {
            throw new ApiException(ErrorCode.INVALID_KEY, "key must be a string");
        }
        NewComment comment;
        try {
            comment = CommentRules.newComment(frame, (String) key);
        } catch (ApiException e) {
            shard.metrics().postRejected(e.code().wire());
            throw e;
        }
        shard.fetch(() -> shard.comments().post(comment)).onComplete(result -> {
            Metrics metrics = shard.metrics();
            if (result.succeeded()) {
                metrics.postsAccepted.increment();
                metrics.recordPost(receivedNanos);
                session.send(shard.frames().ack(requestId, result.result().event().comment()), Metrics.Out.ACK);
            } else {
                ApiException error = Failures.toApi(result.cause());
                metrics.postRejected(error.code().wire());
                session.send(shard.frames().error(requestId, error.code(), error.getMessage()), Metrics.Out.ERROR);
            }
        });
    }

    private static Long since(Object value) {
        if (value == null) {
            return null;
        }
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0) {
            return ((Number) value).longValue();
        }
        throw new ApiException(ErrorCode.INVALID_SINCE, "since must be a non-negative integer seq");
    }
}
