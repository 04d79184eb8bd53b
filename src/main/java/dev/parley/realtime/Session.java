package dev.parley.realtime;

import dev.parley.metrics.Metrics;
import dev.parley.protocol.CloseCode;
import io.netty.channel.Channel;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.WebSocketImplBase;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.util.HashMap;
import java.util.Map;

/**
 * One WebSocket connection: its subscriptions, its bounded outbound queue and its heartbeat state.
 * Confined to its event loop: every method runs there, so nothing here is locked.
 *
 * <p>Outbound bound: the socket's write buffer may hold at most {@code outboxBytes}. A live frame
 * that finds it full closes the connection with 4008 (the client reconnects and replays with
 * {@code since}); the server never buffers without limit and a slow reader never slows the others.
 */
final class Session {
    private final ServerWebSocket ws;
    private final Channel channel;
    private final Metrics metrics;
    private final int outboxBytes;
    final Map<String, Subscription> subscriptions = new HashMap<>();
    long nextPingAt;
    /** When the unanswered ping was sent, or 0 when every ping was answered. */
    long awaitingPongSince;
    private boolean closed;
    final long openedAtNanos = System.nanoTime();
    /** The salted hash of the client's address, for bans; never the address itself. */
    final String ipHash;
    /** Authors who posted on this connection, so a ban closes it. */
    final java.util.Set<String> authorIds = new java.util.HashSet<>();
    final dev.parley.abuse.TokenBucket subscribeBucket;
    /** Requests refused in a row for rate limits; at 10 the connection is closed with 4429. */
    int refusedInARow;
    long framesIn;
    long framesOut;

    Session(ServerWebSocket ws, Metrics metrics, int outboxBytes, long now, long pingEveryMillis, String ipHash,
            Channel channel, dev.parley.abuse.TokenBucket subscribeBucket) {
        this.ipHash = ipHash;
        this.subscribeBucket = subscribeBucket;
        this.ws = ws;
        this.metrics = metrics;
        this.outboxBytes = outboxBytes;
        this.channel = channel != null ? channel
                : ws instanceof WebSocketImplBase<?> base ? base.channelHandlerContext().channel() : null;
        this.nextPingAt = now + pingEveryMillis;
        ws.setWriteQueueMaxSize(outboxBytes);
    }

    boolean closed() {
        return closed;
    }

    /** Writes a frame if the outbound queue has room, else cuts the connection off with 4008. */
    void send(byte[] frame, Metrics.Out kind) {
        if (admit()) {
            write(frame, kind);
        }
    }

    /** Whether a live frame may be written: open, and room in the queue (else cut off with 4008). */
    private boolean admit() {
        if (closed) {
            return false;
        }
        if (queueFull()) {
            metrics.slowConsumerDisconnects.increment();
            close(CloseCode.TOO_SLOW, "too slow: reconnect and replay with since");
            return false;
        }
        return true;
    }

    /** Written to since the last flush; the shard flushes it once after its current task. */
    boolean unflushed;

    /**
     * Writes a delivery's shared, pre-encoded frame without flushing (the shard flushes once per
     * batch). Returns whether it awaits that flush; a full queue cuts the connection off with 4008.
     */
    boolean sendShared(Delivery d) {
        if (!admit()) {
            return false;
        }
        framesOut++;
        if (channel == null) {
            // No channel to write to directly: Vert.x encodes the payload itself and flushes.
            ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, d.frame, true));
            return false;
        }
        channel.write(d.wire.retainedDuplicate(), channel.voidPromise());
        return true;
    }

    void flush() {
        unflushed = false;
        if (channel != null && !closed) {
            channel.flush();
        }
    }

    /** A replay may use half of the queue, leaving the other half to live frames. */
    boolean roomForReplay() {
        if (channel == null) {
            return !ws.writeQueueFull();
        }
        return channel.bytesBeforeUnwritable() > outboxBytes / 2;
    }

    void write(byte[] frame, Metrics.Out kind) {
        metrics.frameOut(kind);
        framesOut++;
        // Vert.x offers no public way to send pre-encoded UTF-8 as a text frame; this frame wraps
        // the shared bytes without copying them.
        ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, frame, true));
    }

    void ping() {
        metrics.frameOut(Metrics.Out.PING);
        ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, PING, true));
        ws.writePing(Buffer.buffer());
    }

    private static final byte[] PING = "{\"type\":\"ping\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    void pong() {
        awaitingPongSince = 0;
    }

    /** Bytes written but not yet taken by the kernel; read on this session's event loop only. */
    long pendingBytes() {
        if (channel == null || closed) {
            return 0;
        }
        io.netty.channel.ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    private boolean queueFull() {
        return channel == null ? ws.writeQueueFull() : !channel.isWritable();
    }

    void close(short code, String reason) {
        if (!closed) {
            closed = true;
            ws.close(code, reason);
        }
    }

    /** The socket closed (by either side): nothing more may be written. */
    void markClosed() {
        closed = true;
    }

    /** The close code the connection ended with, or -1 when it ended without one. */
    int closeCode() {
        Short code = ws.closeStatusCode();
        return code == null ? -1 : code;
    }
}
