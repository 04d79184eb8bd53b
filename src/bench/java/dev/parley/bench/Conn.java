package dev.parley.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One socket and the client side of RFC 6455, just enough for a load tool: sends the upgrade
 * request, checks for {@code 101}, splits the server's unmasked frames in place and hands each
 * text payload to its {@link Peer}; answers pings, echoes a close frame and then waits for the
 * server to close TCP (so TIME_WAIT lands on the server's side, not on our ephemeral ports).
 * All methods but {@link #send} run on the socket's {@link Loop}.
 */
final class Conn {
    private static final int MAX_MESSAGE = 1 << 20;
    private static final byte[] END_OF_HEADERS = Frame.bytes("\r\n\r\n");

    private final Loop loop;
    private final Peer peer;
    private final byte[] handshake;
    private SocketChannel channel;
    private SelectionKey key;
    private boolean upgraded;
    /** Bytes of an incomplete frame (or of the HTTP answer) carried to the next read. */
    private byte[] pending = new byte[0];
    private int pendingLength;
    private byte[] fragments;
    private int fragmentsLength;
    private final ArrayDeque<ByteBuffer> unwritten = new ArrayDeque<>();
    volatile boolean closed;

    Conn(Loop loop, Peer peer, byte[] handshake) {
        this.loop = loop;
        this.peer = peer;
        this.handshake = handshake;
    }

    void connect(InetSocketAddress server, InetSocketAddress local) {
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (local != null) {
                channel.bind(local);
            }
            boolean connected = channel.connect(server);
            key = channel.register(loop.selector(), connected ? 0 : SelectionKey.OP_CONNECT, this);
            if (connected) {
                connected();
            }
        } catch (IOException e) {
            fail("connect: " + e);
        }
    }

    void connectable() {
        try {
            if (channel.finishConnect()) {
                connected();
            }
        } catch (IOException e) {
            fail("connect: " + e);
        }
    }

    private void connected() {
        key.interestOps(SelectionKey.OP_READ);
        write(ByteBuffer.wrap(handshake));
    }

    void readable(ByteBuffer buffer) {
        buffer.clear();
        if (pendingLength > buffer.capacity() / 2) {
            buffer = ByteBuffer.allocate(pendingLength * 2);
        }
        buffer.put(pending, 0, pendingLength);
        int n;
        try {
            n = channel.read(buffer);
        } catch (IOException e) {
            close();
            return;
        }
        if (n < 0) {
            close();
            return;
        }
        byte[] b = buffer.array();
        int end = buffer.position();
        int at = upgraded ? 0 : upgrade(b, end);
        if (at >= 0) {
            at = frames(b, at, end);
        }
        if (at >= 0 && !closed) {
            keep(b, at, end);
        }
    }

    /** Reads the HTTP answer; returns where frames start, or -1 if more bytes are needed or it failed. */
    private int upgrade(byte[] b, int end) {
        int body = Frame.after(b, 0, end, END_OF_HEADERS);
        if (body < 0) {
            if (end > 16384) {
                fail("no end of HTTP headers");
            } else {
                keep(b, 0, end);
            }
            return -1;
        }
        String status = new String(b, 0, Frame.indexOf(b, 0, body, (byte) '\r'), StandardCharsets.ISO_8859_1);
        if (!status.startsWith("HTTP/1.1 101")) {
            fail("upgrade refused: " + status);
            return -1;
        }
        upgraded = true;
        peer.opened(this);
        return body;
    }

    /** Handles every whole frame in [at, end); returns where the first incomplete one starts. */
    private int frames(byte[] b, int at, int end) {
        while (end - at >= 2 && !closed) {
            int b0 = b[at] & 0xff;
            int b1 = b[at + 1] & 0xff;
            long len = b1 & 0x7f;
            int header = 2;
            if (len == 126) {
                if (end - at < 4) {
                    break;
                }
                len = ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
                header = 4;
            } else if (len == 127) {
                if (end - at < 10) {
                    break;
                }
                len = ByteBuffer.wrap(b, at + 2, 8).getLong();
                header = 10;
            }
            if ((b1 & 0x80) != 0 || len < 0 || len > MAX_MESSAGE) {
                fail("bad frame header from server");
                return -1;
            }
            if (end - at < header + len) {
                break;
            }
            frame(b0, b, at + header, (int) len);
            at += header + (int) len;
        }
        return at;
    }

    private void frame(int b0, byte[] b, int start, int len) {
        boolean fin = (b0 & 0x80) != 0;
        switch (b0 & 0x0f) {
            case 0x1 -> {
                if (fin) {
                    peer.text(b, start, start + len);
                } else {
                    fragments = Arrays.copyOfRange(b, start, start + Math.max(len, 1024));
                    fragmentsLength = len;
                }
            }
            case 0x0 -> continuation(fin, b, start, len);
            case 0x8 -> {
                peer.closeCode = len >= 2 ? ((b[start] & 0xff) << 8) | (b[start + 1] & 0xff) : 1005;
                if (!peer.closing) {
                    peer.closing = true;
                    write(frame(0x88, Arrays.copyOfRange(b, start, start + Math.min(len, 2))));
                }
            }
            case 0x9 -> write(frame(0x8A, Arrays.copyOfRange(b, start, start + len)));
            default -> {
                // pong or binary: nothing to do
            }
        }
    }

    private void continuation(boolean fin, byte[] b, int start, int len) {
        if (fragments == null) {
            return;
        }
        if (fragmentsLength + len > fragments.length) {
            fragments = Arrays.copyOf(fragments, Math.max(fragments.length * 2, fragmentsLength + len));
        }
        System.arraycopy(b, start, fragments, fragmentsLength, len);
        fragmentsLength += len;
        if (fin) {
            peer.text(fragments, 0, fragmentsLength);
            fragments = null;
        }
    }

    private void keep(byte[] b, int from, int end) {
        pendingLength = end - from;
        if (pending.length < pendingLength) {
            pending = new byte[Math.max(pendingLength, 512)];
        }
        System.arraycopy(b, from, pending, 0, pendingLength);
    }

    /** Any thread: sends a masked frame (clients must mask). */
    void send(int firstByte, byte[] payload) {
        ByteBuffer frame = frame(firstByte, payload);
        loop.execute(() -> write(frame));
    }

    private void write(ByteBuffer data) {
        if (closed) {
            return;
        }
        try {
            if (unwritten.isEmpty()) {
                channel.write(data);
            }
            if (data.hasRemaining()) {
                unwritten.add(data);
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        } catch (IOException e) {
            close();
        }
    }

    void writable() {
        try {
            while (!unwritten.isEmpty()) {
                ByteBuffer data = unwritten.peek();
                channel.write(data);
                if (data.hasRemaining()) {
                    return;
                }
                unwritten.poll();
            }
            key.interestOps(SelectionKey.OP_READ);
        } catch (IOException e) {
            close();
        }
    }

    static ByteBuffer frame(int firstByte, byte[] payload) {
        int len = payload.length;
        ByteBuffer buf = ByteBuffer.allocate(len + 14);
        buf.put((byte) firstByte);
        if (len < 126) {
            buf.put((byte) (0x80 | len));
        } else if (len < 65536) {
            buf.put((byte) (0x80 | 126)).putShort((short) len);
        } else {
            buf.put((byte) (0x80 | 127)).putLong(len);
        }
        int mask = ThreadLocalRandom.current().nextInt();
        buf.putInt(mask);
        for (int i = 0; i < len; i++) {
            buf.put((byte) (payload[i] ^ (mask >>> (24 - 8 * (i & 3)))));
        }
        return buf.flip();
    }

    boolean isOpen() {
        return upgraded && !closed;
    }

    /** Any thread: closes the socket now. */
    void abort() {
        loop.execute(this::close);
    }

    private void fail(String why) {
        peer.fail(why);
        close();
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            key.cancel();
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // already gone
        }
        peer.disconnected();
    }
}
