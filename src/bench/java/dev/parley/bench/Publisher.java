package dev.parley.bench;

import java.nio.charset.StandardCharsets;

/**
 * A writer: posts comments over its WebSocket and times each ack. The request id is
 * {@code <thread index>-<send nanoTime>} and the body starts with {@code t=<send nanoTime>}, so
 * neither the ack nor a delivery needs a lookup table to be timed and attributed.
 */
final class Publisher extends Peer {
    private final Run run;
    private final String padding;

    Publisher(Run run, int bodyChars) {
        this.run = run;
        this.padding = padding(bodyChars);
    }

    @Override
    void onOpen() {
        markReady();
    }

    /** Posts one comment to {@code thread}; call on any thread. */
    void post(int thread, long now) {
        String frame = "{\"type\":\"post\",\"id\":\"" + thread + "-" + now + "\",\"thread\":"
                + new String(run.threadJson[thread], StandardCharsets.UTF_8)
                + ",\"author\":\"bench\",\"body\":\"t=" + now + padding + "\"}";
        run.step.sent.increment();
        send(frame.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    void onFrame(int type, byte[] b, int from, int to, long now) {
        Step step = run.step;
        if (type == Frame.ACK) {
            int idAt = Frame.after(b, from, to, Frame.ID);
            int thread = (int) Frame.digits(b, idAt, to);
            long sent = Frame.digits(b, Frame.indexOf(b, idAt, to, (byte) '-') + 1, to);
            long seq = Frame.number(b, idAt, to, Frame.SEQ);
            run.acked(thread, seq);
            step.expected.add(run.subscribers[thread]);
            step.ackLatency.recordNanos(now - sent);
            step.lastAckNanos = now;
            step.acked.increment();
        } else if (type == Frame.ERROR) {
            step.error(Frame.string(b, from, to, Frame.CODE));
        }
    }

    /** Filler text so a comment is about {@code chars} long, like a short real one. */
    static String padding(int chars) {
        String words = " Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor"
                + " incididunt ut labore et dolore magna aliqua.";
        StringBuilder out = new StringBuilder();
        while (out.length() < chars) {
            out.append(words);
        }
        return out.substring(0, Math.max(0, chars));
    }
}
