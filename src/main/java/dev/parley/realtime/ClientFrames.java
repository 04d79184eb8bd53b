package dev.parley.realtime;

import dev.parley.comment.CommentRules;
import dev.parley.metrics.Metrics;
import dev.parley.posting.Lane;
import dev.parley.posting.Posting;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.CloseCode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frames;
import dev.parley.protocol.Json;
import dev.parley.protocol.Utf8;
import dev.parley.protocol.ThreadKey;
import io.vertx.core.json.JsonObject;

/**
 * Reads a client's messages and answers them: subscribe, unsubscribe, post, pong. A bad message
 * gets an {@code error} frame and the connection stays up; malformed UTF-8 closes it with 1007
 * (RFC 6455), ten rate refusals in a row with 4429, a ban with 1008.
 */
final class ClientFrames {
    private final Shard shard;
    private final Json json;
    private final Frames frames;
    private final Metrics metrics;
    private final Posting posting;
    private final Lane lane;

    ClientFrames(Shard shard, Json json, Frames frames, Metrics metrics, Posting posting, Lane lane) {
        this.shard = shard;
        this.json = json;
        this.frames = frames;
        this.metrics = metrics;
        this.posting = posting;
        this.lane = lane;
    }

    /** A whole text message: strictly UTF-8 (else close 1007, as RFC 6455 asks), then JSON. */
    void onMessage(Session session, byte[] utf8) {
        if (!Utf8.isValid(utf8)) {
            session.close(CloseCode.INVALID_PAYLOAD, "text frames must be UTF-8", shard.loop().nowMillis());
            return;
        }
        session.framesIn++;
        String requestId = null;
        try {
            JsonObject frame = json.parseObject(utf8);
            Object id = frame.getValue("id");
            requestId = id instanceof String s ? s : null;
            Object type = frame.getValue("type");
            switch (type instanceof String s ? s : "") {
                case "subscribe" -> subscribe(session, frame);
                case "unsubscribe" -> {
                    metrics.frameIn(Metrics.In.UNSUBSCRIBE);
                    String thread = ThreadKey.of(session.site, CommentRules.thread(frame.getValue("thread")));
                    shard.unsubscribe(session, thread);
                    session.send(frames.unsubscribed(thread), Metrics.Out.UNSUBSCRIBED);
                }
                case "post" -> {
                    metrics.frameIn(Metrics.In.POST);
                    post(session, requestId, frame);
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

    private void subscribe(Session session, JsonObject frame) {
        metrics.frameIn(Metrics.In.SUBSCRIBE);
        String thread = ThreadKey.of(session.site, CommentRules.thread(frame.getValue("thread")));
        Long since = since(frame.getValue("since"));
        long wait = session.subscribeWait();
        if (wait > 0) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "too many subscriptions: slow down",
                    Math.max(1, (wait + 999) / 1000));
        }
        shard.subscribe(session, thread, since);
        session.accepted();
    }

    private void post(Session session, String requestId, JsonObject frame) {
        Object key = frame.getValue("key");
        if (key != null && !(key instanceof String)) {
            metrics.postRejected(ErrorCode.INVALID_KEY.wire());
            throw new ApiException(ErrorCode.INVALID_KEY, "key must be a string");
        }
        Posting.Request post = posting.read(frame, CommentRules.optionalString(frame, "token"), (String) key,
                session.ipHash, session.site);
        if (!session.startPost()) {
            metrics.postRejected(ErrorCode.RATE_LIMITED.wire());
            throw new ApiException(ErrorCode.RATE_LIMITED, "too many posts waiting on this connection: wait for their answers", 1);
        }
        session.postedAs(post.who().poster().authorId());
        posting.commit(post, lane, null).onComplete(result -> {
            session.postDone();
            if (result.succeeded()) {
                session.accepted();
                Posting.Accepted accepted = result.result();
                session.send(frames.ack(requestId, accepted.comment(), accepted.authorToken(),
                        accepted.editableUntil()), Metrics.Out.ACK);
            } else {
                refuse(session, requestId, (ApiException) result.cause());
            }
        });
    }

    /** Sends the error frame; a client refused for rate limits 10 times in a row is closed with 4429. */
    private void refuse(Session session, String requestId, ApiException e) {
        session.send(frames.error(requestId, e.code(), e.getMessage()), Metrics.Out.ERROR);
        long now = shard.loop().nowMillis();
        if (e.code() == ErrorCode.RATE_LIMITED && session.refusedForRate()) {
            session.close(CloseCode.RATE_LIMITED, "rate limited: back off", now);
        } else if (e.code() == ErrorCode.BANNED) {
            session.close(CloseCode.POLICY, "banned", now);
        }
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
