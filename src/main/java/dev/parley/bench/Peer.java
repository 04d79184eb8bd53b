package dev.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One WebSocket connection of the tool. Its I/O runs on one Netty event loop, so its state needs no
 * lock. Subclasses say what makes it ready (subscribed, or just open) and what each frame means.
 * It answers the server's {@code ping} frames; control-frame pings are answered by {@link WsCodec}.
 */
abstract class Peer {
    private static final byte[] PONG = Frame.bytes("{\"type\":\"pong\"}");

    interface Settled {
        /** {@code error} is null when the peer became ready. */
        void settled(Peer peer, String error);
    }

    volatile Channel channel;
    long startNanos;
    long readyNanos;
    volatile boolean ready;
    volatile int closeCode = -1;
    /** A close frame went out (ours, or our echo of the server's): send no second one. */
    volatile boolean closing;
    private Settled settled;

    void start(long nanos, Settled callback) {
        this.startNanos = nanos;
        this.settled = callback;
    }

    /** The upgrade succeeded; frames may flow. */
    final void opened(Channel ch) {
        channel = ch;
        onOpen();
    }

    abstract void onOpen();

    /**
     * A text frame of a known {@link Frame} type; {@code head} holds its first {@code len} bytes
     * (at most {@link Frame#HEAD}) and is valid only during the call.
     */
    abstract void onFrame(int type, byte[] head, int len, long nowNanos);

    final void text(ByteBuf b, int from, int to) {
        long now = System.nanoTime();
        byte[] head = Frame.head(b, from, to);
        int len = Math.min(to - from, Frame.HEAD);
        int type = Frame.type(head, len);
        if (type == Frame.PING) {
            send(PONG);
        } else {
            onFrame(type, head, len, now);
        }
    }

    final void markReady() {
        if (!ready) {
            ready = true;
            readyNanos = System.nanoTime();
            settle(null);
        }
    }

    final void fail(String error) {
        if (!ready) {
            settle(error);
        }
    }

    private void settle(String error) {
        Settled callback = settled;
        settled = null;
        if (callback != null) {
            callback.settled(this, error);
        }
    }

    /** The TCP connection is gone. */
    void disconnected() {
        fail("connection closed before ready" + (closeCode >= 0 ? " (close " + closeCode + ")" : ""));
    }

    boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    /** Sends one masked text frame (clients must mask). */
    final void send(byte[] payload) {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            return;
        }
        ch.writeAndFlush(frame(ch, 0x81, payload), ch.voidPromise());
    }

    /** Starts the closing handshake; the server answers and closes the TCP connection. */
    final void sendClose() {
        Channel ch = channel;
        if (ch != null && ch.isActive() && !closing) {
            closing = true;
            ch.writeAndFlush(frame(ch, 0x88, new byte[] {0x03, (byte) 0xE8}), ch.voidPromise());
        }
    }

    static ByteBuf frame(Channel ch, int firstByte, byte[] payload) {
        int len = payload.length;
        ByteBuf buf = ch.alloc().buffer(len + 14);
        buf.writeByte(firstByte);
        if (len < 126) {
            buf.writeByte(0x80 | len);
        } else if (len < 65536) {
            buf.writeByte(0x80 | 126);
            buf.writeShort(len);
        } else {
            buf.writeByte(0x80 | 127);
            buf.writeLong(len);
        }
        int mask = ThreadLocalRandom.current().nextInt();
        buf.writeInt(mask);
        for (int i = 0; i < len; i++) {
            buf.writeByte(payload[i] ^ (mask >>> (24 - 8 * (i & 3))));
        }
        return buf;
    }
}
