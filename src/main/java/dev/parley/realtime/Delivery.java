package dev.parley.realtime;

import dev.parley.metrics.Metrics;
import dev.parley.protocol.EventType;
import dev.parley.protocol.ThreadEvent;

/**
 * A thread event encoded once as a text frame; the same bytes go to every subscriber.
 * {@code publishedNanos} is when it left the publisher, for the delivery-latency histogram.
 */
record Delivery(String thread, long seq, byte[] frame, Metrics.Out kind, long publishedNanos) {

    static Delivery of(ThreadEvent e, byte[] frame) {
        return new Delivery(e.thread(), e.seq(), frame, kindOf(e), System.nanoTime());
    }

    static Metrics.Out kindOf(ThreadEvent e) {
        return e.type() == EventType.COMMENT ? Metrics.Out.COMMENT : Metrics.Out.UPDATED;
    }
}
