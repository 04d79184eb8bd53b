package dev.parley.realtime;

import dev.parley.abuse.TokenBucket;
import dev.parley.comment.CommentRules;
import dev.parley.identity.Identities;
import dev.parley.comment.Failures;
import dev.parley.metrics.Metrics;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.CloseCode;
import dev.parley.protocol.Comment;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Json;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads one accepted WebSocket's messages and turns them into shard calls. A bad message gets an
 * {@code error} frame and the connection stays up; binary frames close it with 1003, oversized
 * messages with 1009, malformed UTF-8 with 1007.
 */
public final class Connection {
    private final Shard shard;
    private final Json json;
    private final Identities identities;
    private final WebSocketDecoderConfig decoding;

    public Connection(Shard shard, Json json, Identities identities) {
        this.shard = shard;
        this.json = json;
        this.identities = identities;
        this.decoding = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(shard.settings().maxFrameBytes())
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                .allowExtensions(false)
                .closeOnProtocolViolation(true)
                .withUTF8Validator(false) // the whole message is checked instead (1007)
                .build();
    }

    /**
     * Completes the handshake and takes the TCP connection over from Vert.x: its HTTP handlers
     * leave the channel's pipeline, Netty's WebSocket encoder and decoder and a
     * {@link SocketHandler} come in, and the 101 answer goes out. Vert.x's own upgrade
     * ({@code toWebSocket}, {@code toNetSocket}) builds a second connection object with its own
     * write queue per socket and costs more per handshake than the whole subscribe.
     *
     * <p>Runs on the channel's event loop (the shard's). The HTTP decoder leaves last: bytes it
     * still holds (a client that sent its first frame without waiting for the answer) go on to
     * the WebSocket decoder.
     */
    public void upgrade(Channel channel, String acceptKey, String ipHash) {
        if (!channel.isActive()) {
            return; // gone during the checks
        }
        RealtimeSettings settings = shard.settings();
        // The first ping comes after a random half to whole interval: sockets that connected
        // together (a storm after a restart, a page going viral) would otherwise all be pinged,
        // and answer, in the same heartbeat tick, every interval, stalling delivery meanwhile.
        long pingEvery = settings.pingEvery().toMillis();
        long firstPing = pingEvery / 2 + ThreadLocalRandom.current().nextLong(pingEvery / 2 + 1);
        Session session = new Session(channel, shard.metrics(), settings.outboxBytes(), System.currentTimeMillis(),
                firstPing, ipHash,
                settings.subscribeLimit() == null ? null : new TokenBucket(settings.subscribeLimit()));
        ChannelPipeline pipeline = channel.pipeline();
        for (String name : VERTX_HTTP_HANDLERS) {
            if (pipeline.get(name) != null) {
                pipeline.remove(name);
            }
        }
        pipeline.addBefore(VERTX_HANDLER, "wsencoder", new WebSocket13FrameEncoder(false));
        pipeline.addBefore(VERTX_HANDLER, "wsdecoder", new WebSocket13FrameDecoder(decoding));
        pipeline.replace(VERTX_HANDLER, "parley", new SocketHandler(this, session,
                new MessageAssembler(settings.maxFrameBytes())));
        shard.opened(session);
        channel.write(Unpooled.wrappedBuffer(SWITCHING_PROTOCOLS, acceptKey.getBytes(StandardCharsets.US_ASCII), END),
                channel.voidPromise());
        channel.flush();
        pipeline.remove(VERTX_DECODER);
        channel.config().setAutoRead(true);
    }

    private static final byte[] SWITCHING_PROTOCOLS = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Accept: ").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The names Vert.x gives its handlers in an HTTP/1.1 server pipeline (HttpServerConnectionInitializer). */
    private static final String VERTX_HANDLER = "handler";
    private static final String VERTX_DECODER = "httpDecoder";
    private static final List<String> VERTX_HTTP_HANDLERS =
            List.of("httpEncoder", "inflater", "deflater", "chunkedWriter", "webSocketExtensionHandler");

    void closed(Session session) {
        shard.closed(session);
    }

    /** A whole text message: strictly UTF-8 (else close 1007, as RFC 6455 asks), then JSON. */
    void onMessage(Session session, byte[] utf8) {
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
            session.postedAs(who.poster().authorId());
            if (result.succeeded()) {
                if (!result.result().replayed()) {
                    metrics.postAccepted(receivedNanos);
                }
                session.refusedInARow = 0;
                Comment comment = result.result().event().comment();
                session.send(shard.frames().ack(requestId, comment, identities.answerToken(result.result()),
                        shard.comments().editableUntil(comment)), Metrics.Out.ACK);
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
