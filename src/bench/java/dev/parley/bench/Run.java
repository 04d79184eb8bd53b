package dev.parley.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The comment threads one run works on and what the I/O threads share about them: how many
 * subscribers each has (to know how many deliveries an acked post owes), the highest seq acked in
 * each, and the step being counted.
 */
final class Run {
    final String prefix;
    final String[] threads;
    final byte[][] threadJson;
    final int[] subscribers;
    final AtomicLongArray lastAckedSeq;
    volatile Step step = new Step();

    Run(String prefix, int count) {
        this.prefix = prefix;
        threads = new String[count];
        threadJson = new byte[count][];
        subscribers = new int[count];
        lastAckedSeq = new AtomicLongArray(count);
        for (int i = 0; i < count; i++) {
            threads[i] = prefix + "/" + i;
            threadJson[i] = Frame.bytes("\"" + threads[i] + "\"");
        }
    }

    /** Keeps the highest acked seq of a thread. */
    void acked(int thread, long seq) {
        lastAckedSeq.accumulateAndGet(thread, seq, Math::max);
    }
}
