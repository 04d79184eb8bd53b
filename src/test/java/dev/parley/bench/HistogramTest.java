package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void smallValuesAreExact() {
        Histogram h = new Histogram();
        for (int v = 1; v <= 100; v++) {
            h.record(v);
        }
        assertThat(h.count()).isEqualTo(100);
        assertThat(h.percentile(0.50)).isEqualTo(50);
        assertThat(h.percentile(0.99)).isEqualTo(99);
        assertThat(h.max()).isEqualTo(100);
    }

    @Test
    void largeValuesKeepUnderOnePercentError() {
        Histogram h = new Histogram();
        Random random = new Random(7);
        long[] values = new long[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1 + (long) (Math.exp(random.nextDouble() * 18));
            h.record(values[i]);
        }
        java.util.Arrays.sort(values);
        for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
            long exact = values[(int) Math.ceil(q * values.length) - 1];
            assertThat((double) h.percentile(q)).as("q=%s", q).isCloseTo(exact, within(exact * 0.01 + 1));
        }
        assertThat(h.percentile(1.0)).isEqualTo(values[values.length - 1]);
    }

    @Test
    void everyValueLandsInABucketThatHoldsIt() {
        for (long v : new long[] {0, 1, 127, 128, 129, 255, 256, 1000, 65_535, 1L << 40, Long.MAX_VALUE / 2}) {
            int index = Histogram.index(v);
            assertThat(Histogram.upperBound(index)).as("v=%d", v).isGreaterThanOrEqualTo(v);
            if (index > 0) {
                assertThat(Histogram.upperBound(index - 1)).as("v=%d", v).isLessThan(v);
            }
        }
    }
}
