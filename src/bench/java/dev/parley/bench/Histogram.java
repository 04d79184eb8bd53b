package dev.parley.bench;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * A log-linear latency histogram in microseconds, HDR style: values below 128 µs are exact, larger
 * ones keep 7 significant bits (under 0.8 % error). Fixed size, no allocation per record, safe to
 * record from several I/O threads while another thread reads it.
 */
final class Histogram {
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = SUB * 58 + 2 * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);

    void recordNanos(long nanos) {
        record(Math.max(0, nanos / 1000));
    }

    void record(long micros) {
        long v = Math.max(0, micros);
        counts.incrementAndGet(index(v));
        max.accumulate(v);
    }

    static int index(long v) {
        if (v < 2 * SUB) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS;
        return (shift << SUB_BITS) + (int) (v >>> shift);
    }

    /** The highest value a bucket holds. */
    static long upperBound(int index) {
        if (index < 2 * SUB) {
            return index;
        }
        int shift = (index >>> SUB_BITS) - 1;
        long sub = index - ((long) shift << SUB_BITS);
        return ((sub + 1) << shift) - 1;
    }

    long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    long max() {
        return max.get();
    }

    /** The value at quantile {@code q} (0..1), in µs; 0 when empty. */
    long percentile(double q) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(upperBound(i), max());
            }
        }
        return max();
    }
}
