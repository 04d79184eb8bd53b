package dev.parley.bench;

/**
 * One WebSocket connection of the tool. Its I/O runs on one {@link Loop}, so its state needs no
 * lock. Subclasses say what makes it ready (subscribed, or just open) and what each frame means.
 * It answers the server's {@code ping} frames; control-frame pings are answered by {@link Conn}.
 */
abstract class Peer {
    private static final byte[] PONG = Frame.bytes("{\"type\":\"pong\"}");

    interface Settled {
        /** {@code error} is null when the peer became ready. */
        void settled(Peer peer, String error);
    }

    volatile Conn conn;
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
    final void opened(Conn c) {
        conn = c;
        onOpen();
    }

    abstract void onOpen();

    /** A text frame of a known {@link Frame} type in {@code b[from..to)}, valid only during the call. */
    abstract void onFrame(int type, byte[] b, int from, int to, long nowNanos);

    final void text(byte[] b, int from, int to) {
        long now = System.nanoTime();
        int type = Frame.type(b, from, to);
        if (type == Frame.PING) {
            send(PONG);
        } else {
            onFrame(type, b, from, Math.min(to, from + Frame.HEAD), now);
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
        Conn c = conn;
        return c != null && c.isOpen();
    }

    /** Sends one text frame; callable from any thread. */
    final void send(byte[] payload) {
        Conn c = conn;
        if (c != null) {
            c.send(0x81, payload);
        }
    }

    /** Starts the closing handshake; the server answers and closes the TCP connection. */
    final void sendClose() {
        Conn c = conn;
        if (c != null && !closing) {
            closing = true;
            c.send(0x88, new byte[] {0x03, (byte) 0xE8});
        }
    }
}
