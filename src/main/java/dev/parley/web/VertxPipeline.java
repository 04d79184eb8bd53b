package dev.parley.web;

import dev.parley.realtime.SocketHandlers;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.Http1xServerConnection;
import java.util.List;

/**
 * Everything Parley does that depends on Vert.x internals, in one place: reaching the Netty
 * channel under an HTTP/1.1 connection, and taking that channel over for a WebSocket or an event
 * stream.
 *
 * <p>Why: Vert.x's own upgrade ({@code toWebSocket}) keeps a second connection object with its own
 * write queue per socket; without it an idle connection costs about 6 KiB instead of 20 KiB, and a
 * storm of 10,000 connections on a fresh JVM took 4.8 s instead of 7.2 s (docs/benchmarks.md). The
 * 101 itself is Netty's ({@link HandshakeAnswer}); an A/B against the hand-written one showed no
 * difference in idle memory or storm time. The price is this class: it names the handlers
 * Vert.x 5.0 puts in an HTTP/1.1 server pipeline (HttpServerConnectionInitializer). A Vert.x
 * upgrade may rename them, so {@link #verify} checks a real connection's pipeline at start-up and
 * the node refuses to start with a message that says so, instead of breaking every upgrade.
 */
public final class VertxPipeline {
    static final String HANDLER = "handler";
    static final String DECODER = "httpDecoder";
    static final String ENCODER = "httpEncoder";
    /** Present or not depending on options; removed when present. */
    private static final List<String> OPTIONAL = List.of("inflater", "deflater", "chunkedWriter",
            "webSocketExtensionHandler", "idle", RequestDeadline.BEFORE_DECODER, RequestDeadline.AFTER_DECODER);
    private VertxPipeline() {
    }

    /** The Netty channel under an HTTP/1.1 connection; null for anything else (HTTP/2). */
    public static Channel channel(HttpConnection connection) {
        return connection instanceof Http1xServerConnection http ? http.channelHandlerContext().channel() : null;
    }

    static Channel channel(HttpServerRequest request) {
        return channel(request.connection());
    }

    /**
     * Null when {@code channel}'s pipeline has the handlers {@link #takeOver} relies on, else what
     * it found, for the start-up error.
     */
    public static String verify(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(HANDLER) != null && pipeline.get(DECODER) != null && pipeline.get(ENCODER) != null) {
            return null;
        }
        return "expected handlers " + List.of(DECODER, ENCODER, HANDLER) + ", found " + pipeline.names();
    }

    /** Puts the request deadlines around the HTTP decoder. */
    static void addDeadline(Channel channel, RequestDeadline deadline) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addBefore(DECODER, RequestDeadline.BEFORE_DECODER, deadline.start);
        pipeline.addAfter(DECODER, RequestDeadline.AFTER_DECODER, deadline.end);
    }

    /**
     * Completes the handshake (RFC 6455 4.2.2) and hands the TCP connection to Parley: the 101
     * ({@code answer}, Netty's) goes out through Vert.x's HTTP encoder, then Vert.x's HTTP handlers
     * leave the pipeline and the WebSocket {@code handlers} come in. The HTTP decoder leaves last:
     * bytes it still holds (a client that sent its first frame without waiting for the answer) go
     * on to the WebSocket decoder. Runs on the channel's loop.
     */
    public static void takeOver(Channel channel, SocketHandlers handlers, FullHttpResponse answer) {
        ChannelPipeline pipeline = channel.pipeline();
        // From the handler's place, so the answer passes the HTTP encoder on its way out.
        pipeline.context(HANDLER).writeAndFlush(answer, channel.voidPromise());
        leaveHttp(pipeline);
        pipeline.addBefore(HANDLER, "wsencoder", handlers.encoder());
        pipeline.addBefore(HANDLER, "wsdecoder", handlers.decoder());
        pipeline.replace(HANDLER, "parley", handlers.handler());
        pipeline.remove(DECODER);
        channel.config().setAutoRead(true);
    }

    /**
     * The same for an event stream: Vert.x's handlers leave, {@code handler} comes in, and
     * {@code head} (the response's status line, headers and first bytes, written as they are) goes
     * out; from then on the shard writes the stream's bytes. Runs on the channel's loop.
     */
    static void takeOver(Channel channel, ChannelHandler handler, ByteBuf head) {
        ChannelPipeline pipeline = channel.pipeline();
        leaveHttp(pipeline);
        pipeline.replace(HANDLER, "parley", handler);
        channel.writeAndFlush(head, channel.voidPromise());
        pipeline.remove(DECODER);
        channel.config().setAutoRead(true);
    }

    /** Vert.x's HTTP encoder and the optional handlers (idle timer, request deadlines) leave. */
    private static void leaveHttp(ChannelPipeline pipeline) {
        pipeline.remove(ENCODER);
        for (String name : OPTIONAL) {
            if (pipeline.get(name) != null) {
                pipeline.remove(name);
            }
        }
    }
}
