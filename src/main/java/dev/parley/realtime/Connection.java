package dev.parley.realtime;

import dev.parley.abuse.TokenBucket;
import dev.parley.comment.CommentRules;
import dev.parley.identity.Identities;
import dev.parley.comment.Failures;
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
    private final Identities identities;

    public Connection(Shard shard, Json json, Identities identities) {
        this.shard = shard;
        this.json = json;
        this.identities = identities;
    }

    /** Takes over an accepted socket; runs on the socket's event loop, which is the shard's. */
    public void open(ServerWebSocket ws, String ipHash, io.netty.channel.Channel channel) {
        RealtimeSettings settings = shard.settings();
        Session session = new Session(ws, shard.metrics(), settings.outboxBytes(), System.currentTimeMillis(),
                settings.pingEvery().toMillis(), ipHash, channel,
                settings.subscribeLimit() == null ? null : new TokenBucket(settings.subscribeLimit()));
        shard.opened(session);
        MessageAssembler messages = new MessageAssembler(settings.maxFrameBytes());
        ws.frameHandler(frame -> {
            switch (messages.accept(frame)) {
                case COMPLETE -> onMessage(session, messages.take());
                case BINARY -> session.close(CloseCode.UNSUPPORTED_DATA, "binary frames are not supported");
                case TOO_BIG -> session.close(CloseCode.TOO_BIG, "message too big");
                case PONG -> session.pong();
                case PARTIAL, IGNORED -> { }
            }
        });
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

    /** A whole text message: strictly UTF-8 (else close 1007, as RFC 6455 asks), then JSON. */
    private void onMessage(Session session, byte[] utf8) {
        if (!MessageAssembler.isUtf8(utf8)) {
            session.close(CloseCode.INVALID_PAYLOAD, "text frames must be UTF-8");
            return;
        }
        onText(session, utf8);
    }

    private void onText(Session session, byte[] text) {
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
                    String thread = CommentRules.thread(frame.getValue("thread"));
                    Long since = since(frame.getValue("since"));
                    long wait = session.subscribeBucket == null ? 0 : session.subscribeBucket.take();
                    if (wait > 0) {
                        throw new ApiException(ErrorCode.RATE_LIMITED, "too many subscriptions: slow down",
                                Math.max(1, (wait + 999) / 1000));
                    }
                    shard.subscribe(session, thread, since);
                    session.refusedInARow = 0;
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
            refuse(session, requestId, e);
        }
    }

    /** Sends the error frame; a client refused for rate limits 10 times in a row is closed with 4429. */
    private void refuse(Session session, String requestId, ApiException e) {
        session.send(shard.frames().error(requestId, e.code(), e.getMessage()), Metrics.Out.ERROR);
        if (e.code() == ErrorCode.RATE_LIMITED && ++session.refusedInARow >= 10) {
            session.close(CloseCode.RATE_LIMITED, "rate limited: back off");
        } else if (e.code() == ErrorCode.BANNED) {
            session.close(CloseCode.POLICY, "banned");
        }
    }

    private void post(Session session, String requestId, JsonObject frame, long receivedNanos) {
        Identities.Post post;
        try {
            Object key = frame.getValue("key");
            if (key != null && !(key instanceof String)) {
                throw new ApiException(ErrorCode.INVALID_KEY, "key must be a string");
            }
            post = identities.readPost(frame, CommentRules.optionalString(frame, "token"), (String) key, session.ipHash);
        } catch (ApiException e) {
            shard.metrics().postRejected(e.code().wire());
            throw e;
        }
        Identities.PostIdentity who = post.who();
        shard.fetch(() -> shard.comments().post(post.comment(), who.poster())).onComplete(result -> {
            Metrics metrics = shard.metrics();
            session.authorIds.add(who.poster().authorId());
            if (result.succeeded()) {
                if (!result.result().replayed()) {
                    metrics.postAccepted(receivedNanos);
                }
                session.refusedInARow = 0;
                session.send(shard.frames().ack(requestId, result.result().event().comment(), who.authorToken()),
                        Metrics.Out.ACK);
            } else {
                ApiException error = Failures.toApi(result.cause());
                metrics.postRejected(error.code().wire());
                refuse(session, requestId, error);
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
