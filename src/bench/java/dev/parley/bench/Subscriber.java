package dev.parley.bench;

/**
 * A reader: subscribes to one thread and checks that it gets every comment of it exactly once, in
 * seq order, recording delivery latency from the send time the publisher put in the body.
 */
final class Subscriber extends Peer {
    final int thread;
    private final Run run;
    private final byte[] subscribe;
    /** Highest seq received; confined to this peer's event loop. */
    volatile long lastSeq = -1;

    Subscriber(Run run, int thread) {
        this.run = run;
        this.thread = thread;
        byte[] name = run.threadJson[thread];
        this.subscribe = concat(Frame.bytes("{\"type\":\"subscribe\",\"thread\":"), name, Frame.bytes("}"));
    }

    @Override
    void onOpen() {
        send(subscribe);
    }

    @Override
    void onFrame(int type, byte[] b, int from, int to, long now) {
        switch (type) {
            case Frame.COMMENT -> comment(b, from, to, now);
            case Frame.SUBSCRIBED -> {
                lastSeq = Frame.number(b, from, to, Frame.SEQ);
                markReady();
            }
            case Frame.ERROR -> fail("server error: " + Frame.string(b, from, to, Frame.CODE));
            default -> {
                // presence and anything newer: not measured
            }
        }
    }

    private void comment(byte[] b, int from, int to, long now) {
        Step step = run.step;
        int seqAt = Frame.after(b, from, to, Frame.SEQ);
        long seq = seqAt < 0 ? -1 : Frame.digits(b, seqAt, to);
        long last = lastSeq;
        if (seq <= last) {
            step.duplicates.increment();
            return;
        }
        if (last >= 0 && seq > last + 1) {
            step.skipped.add(seq - last - 1);
        }
        lastSeq = seq;
        step.received.increment();
        step.lastReceiveNanos = now;
        long sent = Frame.number(b, seqAt, to, Frame.SENT);
        if (sent > 0) {
            step.latency.recordNanos(now - sent);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
