package dev.parley.bench;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counts of one load step, written by the I/O threads and read by the driver after the step
 * has drained. Deliveries are unique (seq above the last one seen); duplicates and skipped seqs are
 * counted apart.
 */
final class Step {
    final Histogram latency = new Histogram();
    final Histogram ackLatency = new Histogram();
    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder postErrors = new LongAdder();
    final LongAdder expected = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder skipped = new LongAdder();
    volatile long lastReceiveNanos;
    volatile long lastAckNanos;
    volatile String firstError;

    void error(String code) {
        postErrors.increment();
        if (firstError == null) {
            firstError = code;
        }
    }

    /** Every post answered and every expected delivery received. */
    boolean settled() {
        long sentNow = sent.sum();
        return acked.sum() + postErrors.sum() >= sentNow && received.sum() >= expected.sum();
    }
}
