package dev.parley.realtime;

import dev.parley.abuse.TokenBucket;
import dev.parley.metrics.Metrics;
import dev.parley.protocol.CloseCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One WebSocket connection: its subscriptions, its bounded outbound queue and its heartbeat state.
 * Confined to its event loop: every method runs there, so nothing here is locked. It writes to
 * the Netty channel directly (see {@link SocketHandler}): frames go out through Netty's
 * WebSocket encoder, shared fan-out frames as pre-encoded bytes.
 *
 * <p>Outbound bound: the socket's write buffer may hold at most {@code outboxBytes}. A live frame
 * that finds it full closes the connection with 4008 (the client reconnects and replays with
 * {@code since}); the server never buffers without limit and a slow reader never slows the others.
 */
final class Session {
    /** How long a close handshake may take before the socket is dropped. */
    static final long CLOSE_GRACE_MILLIS = 5_000;

    private final Channel channel;
    private final Metrics metrics;
    private final int outboxBytes;
    final Map<String, Subscription> subscriptions = new HashMap<>(4);
    long nextPingAt;
    /** When the unanswered ping was sent, or 0 when every ping was answered. */
    long awaitingPongSince;
    private boolean closed;
    /** When this side sent its close frame (0: not sent), so a peer that never answers is dropped. */
    private long closingSinceMillis;
    private int closeCode = -1;
    final long openedAtNanos = System.nanoTime();
    /** The salted hash of the client's address, for bans; never the address itself. */
    final String ipHash;
    /** Authors who posted on this connection, so a ban closes it; allocated on the first post. */
    private Set<String> authorIds;
    final TokenBucket subscribeBucket;
    /** Requests refused in a row for rate limits; at 10 the connection is closed with 4429. */
    int refusedInARow;
    long framesIn;
    long framesOut;
    /** Written to since the last flush; the shard flushes it once after its current task. */
    boolean unflushed;

    Session(Channel channel, Metrics metrics, int outboxBytes, long now, long firstPingMillis, String ipHash,
            TokenBucket subscribeBucket) {
        this.channel = channel;
        this.ipHash = ipHash;
        this.subscribeBucket = subscribeBucket;
        this.metrics = metrics;
        this.outboxBytes = outboxBytes;
        this.nextPingAt = now + firstPingMillis;
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(outboxBytes / 2, outboxBytes));
    }

    boolean closed() {
        return closed;
    }

    void postedAs(String authorId) {
        if (authorIds == null) {
            authorIds = new HashSet<>(2);
        }
        authorIds.add(authorId);
    }

    boolean hasPostedAs(String authorId) {
        return authorIds != null && authorIds.contains(authorId);
    }

    /** Writes a frame if the outbound queue has room, else cuts the connection off with 4008. */
    void send(byte[] frame, Metrics.Out kind) {
        if (admit()) {
            writeUnflushed(frame, kind);
            channel.flush();
        }
    }

    /** Whether a live frame may be written: open, and room in the queue (else cut off with 4008). */
    private boolean admit() {
        if (closed) {
            return false;
        }
        if (!channel.isWritable()) {
            metrics.slowConsumerDisconnects.increment();
            close(CloseCode.TOO_SLOW, "too slow: reconnect and replay with since");
            return false;
        }
        return true;
    }

    /**
     * Writes a delivery's shared, pre-encoded frame without flushing (the shard flushes once per
     * batch). Returns whether it awaits that flush; a full queue cuts the connection off with 4008.
     */
    boolean sendShared(Delivery d) {
        if (!admit()) {
            return false;
        }
        framesOut++;
        channel.write(d.wire.retainedDuplicate(), channel.voidPromise());
        return true;
    }

    void flush() {
        unflushed = false;
        if (!closed) {
            channel.flush();
        }
    }

    /** A replay may use half of the queue, leaving the other half to live frames. */
    boolean roomForReplay() {
        return channel.bytesBeforeUnwritable() > outboxBytes / 2;
    }

    /** Writes a frame that the shard flushes after its current task, with the others of the batch. */
    void writeUnflushed(byte[] frame, Metrics.Out kind) {
        metrics.frameOut(kind);
        framesOut++;
        channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame)), channel.voidPromise());
    }

    /** The application ping ({@code {"type":"ping"}}) and a protocol ping, in one write. */
    void ping() {
        metrics.frameOut(Metrics.Out.PING);
        channel.writeAndFlush(PING_FRAMES.duplicate(), channel.voidPromise());
    }

    private static final ByteBuf PING_FRAMES = pingFrames();

    private static ByteBuf pingFrames() {
        ByteBuf text = Delivery.textFrame("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
        ByteBuf ping = Unpooled.wrappedBuffer(new byte[] {(byte) 0x89, 0}); // FIN + ping, empty
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(text, ping));
    }

    void pong() {
        awaitingPongSince = 0;
    }

    /** Bytes written but not yet taken by the kernel; read on this session's event loop only. */
    long pendingBytes() {
        if (closed) {
            return 0;
        }
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    /**
     * Starts the close handshake: the close frame, then a half-close, so the client reads the
     * code before the connection ends (closing at once could reset it and lose the frame). The
     * socket ends when the client closes its side, or after {@link #CLOSE_GRACE_MILLIS}.
     */
    void close(short code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        closeCode = code;
        closingSinceMillis = System.currentTimeMillis();
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(written -> {
            if (written.isSuccess() && channel instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
            } else {
                channel.close();
            }
        });
    }

    /** The client sent its close frame: answer with the same code (RFC 6455 5.5.1) and end. */
    void closedByPeer(int code) {
        if (!closed) {
            closed = true;
            closeCode = code;
            CloseWebSocketFrame answer = code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, null);
            channel.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    /** Drops a socket whose peer did not finish the close handshake in time. */
    void dropIfCloseStalled(long now) {
        if (closingSinceMillis > 0 && now - closingSinceMillis >= CLOSE_GRACE_MILLIS) {
            channel.close();
        }
    }

    /** The socket is gone or going (by either side): nothing more may be written. */
    void markClosed(int code) {
        if (!closed) {
            closed = true;
            closeCode = code;
        }
    }

    /** The close code the connection ended with, or -1 when it ended without one. */
    int closeCode() {
        return closeCode;
    }
}
