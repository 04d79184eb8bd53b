package dev.parley.realtime;

import dev.parley.metrics.Metrics;
import dev.parley.protocol.EventType;
import dev.parley.protocol.ThreadEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * A thread event encoded once, as a complete WebSocket text frame (header and payload) in one
 * direct buffer (and, for event streams, once more as their message: {@link #eventStream}); every subscriber's socket is written a retained duplicate of it, so delivery
 * copies nothing and encodes nothing per subscriber. The buffer is JDK-managed (freed by the
 * garbage collector), so a delivery held in a feed or a joining subscription cannot leak.
 * {@code publishedNanos} is when it left the publisher, for the delivery-latency histogram.
 */
final class Delivery {
    /**
     * The seq of a score frame, which is no thread event: it goes to every subscriber of the
     * thread as it comes, outside the feed's seq order (each carries whole counts and their score
     * version, so order does not matter).
     */
    static final long SCORE = -1;

    final String thread;
    final long seq;
    final byte[] frame;
    final ByteBuf wire;
    final Metrics.Out kind;
    final long publishedNanos;
    /** The same frame as an event-stream message, encoded on first use (by any shard: the race is benign). */
    private volatile ByteBuf eventStream;

    Delivery(String thread, long seq, byte[] frame, Metrics.Out kind, long publishedNanos) {
        this.thread = thread;
        this.seq = seq;
        this.frame = frame;
        this.wire = textFrame(frame);
        this.kind = kind;
        this.publishedNanos = publishedNanos;
    }

    /**
     * The frame as a text/event-stream message ({@link EventStreamWire}), encoded once for every
     * stream of this delivery and only if there is one. A score is no thread event: no id.
     */
    ByteBuf eventStream() {
        ByteBuf encoded = eventStream;
        if (encoded == null) {
            ByteBuf message = EventStreamWire.message(frame, seq == SCORE ? Wire.NO_ID : seq);
            ByteBuffer direct = ByteBuffer.allocateDirect(message.readableBytes());
            message.readBytes(direct);
            encoded = Unpooled.wrappedBuffer(direct.flip());
            eventStream = encoded;
        }
        return encoded;
    }

    static Delivery of(ThreadEvent e, byte[] frame) {
        return new Delivery(e.thread(), e.seq(), frame, kindOf(e), System.nanoTime());
    }

    static Metrics.Out kindOf(ThreadEvent e) {
        return e.type() == EventType.COMMENT ? Metrics.Out.COMMENT : Metrics.Out.UPDATED;
    }

    /** RFC 6455 server frame: FIN + text opcode, unmasked, 7/16/64-bit length. */
    static ByteBuf textFrame(byte[] payload) {
        int n = payload.length;
        int header = n < 126 ? 2 : n < 65536 ? 4 : 10;
        ByteBuffer direct = ByteBuffer.allocateDirect(header + n);
        direct.put((byte) 0x81);
        if (n < 126) {
            direct.put((byte) n);
        } else if (n < 65536) {
            direct.put((byte) 126).putShort((short) n);
        } else {
            direct.put((byte) 127).putLong(n);
        }
        direct.put(payload).flip();
        return Unpooled.wrappedBuffer(direct);
    }
}
