package dev.parley.realtime;

import dev.parley.metrics.Metrics;
import dev.parley.protocol.CloseCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;

/**
 * Everything one connection may make the node keep for it on the way out, under one budget of
 * {@code budgetBytes} ({@code PARLEY_OUTBOX_BYTES}): frames written to the socket and not yet taken
 * by the kernel, frames held while its subscriptions join, and answers to its control frames. A
 * frame that would pass the budget closes the connection with 4008 (the client reconnects and
 * replays with {@code since}); the node never buffers without limit and a slow reader never slows
 * the others. The same for a WebSocket and an event stream: only the {@link Wire} differs.
 * Confined to the connection's event loop.
 */
final class Outbox {
    /** How long a close handshake may take before the socket is dropped. */
    static final long CLOSE_GRACE_MILLIS = 5_000;

    private final Channel channel;
    private final Wire wire;
    private final Metrics metrics;
    private final int budgetBytes;
    /** Bytes of frames held for joining subscriptions (not yet in the socket's buffer). */
    private long heldBytes;
    private boolean closed;
    /** When this side sent its close frame (0: not sent), so a peer that never answers is dropped. */
    private long closingSinceMillis;
    private int closeCode = -1;
    long framesOut;

    Outbox(Channel channel, Wire wire, Metrics metrics, int budgetBytes) {
        this.channel = channel;
        this.wire = wire;
        this.metrics = metrics;
        this.budgetBytes = budgetBytes;
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(budgetBytes / 2, budgetBytes));
    }

    boolean closed() {
        return closed;
    }

    Wire wire() {
        return wire;
    }

    /** Writes a frame and flushes it, if the budget allows (else 4008); {@code id}: see {@link Wire#text}. */
    void send(byte[] frame, Metrics.Out kind, long id) {
        if (admit()) {
            writeUnflushed(frame, kind, id);
            channel.flush();
        }
    }

    /**
     * Writes a delivery's shared, pre-encoded frame without flushing (the shard flushes once per
     * batch). Returns whether it awaits that flush; a full budget cuts the connection off with 4008.
     */
    boolean sendShared(Delivery d) {
        if (!admit()) {
            return false;
        }
        framesOut++;
        channel.write(wire.shared(d), channel.voidPromise());
        return true;
    }

    /** Writes a frame that the shard flushes after its current task (replay pages). */
    void writeUnflushed(byte[] frame, Metrics.Out kind, long id) {
        metrics.frameOut(kind);
        framesOut++;
        channel.write(wire.text(frame, id), channel.voidPromise());
    }

    void flush() {
        if (!closed) {
            channel.flush();
        }
    }

    /** The wire's heartbeat (see {@link Wire#ping}). */
    void ping() {
        if (admit()) {
            metrics.frameOut(Metrics.Out.PING);
            channel.writeAndFlush(wire.ping(), channel.voidPromise());
        }
    }

    /** Answers a client's ping; the pong counts against the budget like any frame. */
    void pong(ByteBuf payload) {
        if (admit()) {
            channel.writeAndFlush(new PongWebSocketFrame(payload.retain()), channel.voidPromise());
        }
    }

    /** Holds {@code bytes} for a joining subscription: false (and 4008) when that passes the budget. */
    boolean hold(long bytes) {
        heldBytes += bytes;
        if (closed) {
            return false;
        }
        if (heldBytes + pendingBytes() > budgetBytes) {
            tooSlow();
            return false;
        }
        return true;
    }

    void release(long bytes) {
        heldBytes -= bytes;
    }

    long heldBytes() {
        return heldBytes;
    }

    /** A replay may use half of the budget, leaving the other half to live frames. */
    boolean roomForReplay() {
        return channel.bytesBeforeUnwritable() - heldBytes > budgetBytes / 2;
    }

    /** Bytes written but not yet taken by the kernel. */
    long pendingBytes() {
        if (closed) {
            return 0;
        }
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    /** Whether a frame may be written: open, and within the budget (else cut off with 4008). */
    private boolean admit() {
        if (closed) {
            return false;
        }
        if (!channel.isWritable() || (heldBytes > 0 && heldBytes + pendingBytes() > budgetBytes)) {
            tooSlow();
            return false;
        }
        return true;
    }

    private void tooSlow() {
        metrics.slowConsumerDisconnects.increment();
        close(CloseCode.TOO_SLOW, "too slow: reconnect and replay with since", System.currentTimeMillis());
    }

    /**
     * Starts the close handshake: the close frame, then a half-close, so the client reads the
     * code before the connection ends (closing at once could reset it and lose the frame). The
     * socket ends when the client closes its side, or after {@link #CLOSE_GRACE_MILLIS}. An event
     * stream has no handshake: its goodbye comment written, it closes (the client sends nothing
     * after its request, so nothing unread can turn the close into a reset).
     */
    void close(short code, String reason, long nowMillis) {
        if (closed) {
            return;
        }
        closed = true;
        closeCode = code;
        closingSinceMillis = nowMillis;
        channel.writeAndFlush(wire.goodbye(code, reason)).addListener(written -> {
            if (written.isSuccess() && wire.answersGoodbye() && channel instanceof DuplexChannel duplex) {
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
    void dropIfCloseStalled(long nowMillis) {
        if (closingSinceMillis > 0 && nowMillis - closingSinceMillis >= CLOSE_GRACE_MILLIS) {
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
