package dev.parley.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Batched log lines: none lost, each thread's in order, written without waiting for a full batch. */
class BatchingStdoutAppenderTest {
    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private BatchingStdoutAppender appender(long flushMillis, int flushBytes, int maxBytes) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        BatchingStdoutAppender appender = new BatchingStdoutAppender();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setFlushMillis(flushMillis);
        appender.setFlushBytes(flushBytes);
        appender.setMaxBytes(maxBytes);
        appender.setOutputStream(out);
        appender.start();
        return appender;
    }

    private LoggingEvent event(String message) {
        return new LoggingEvent("test", context.getLogger("test"), Level.INFO, message, null, null);
    }

    private synchronized String written() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyLineOfManyThreadsArrivesOnceAndInEachThreadsOrderEvenWhenCallersMustWait() throws Exception {
        // A tiny bound makes writers wait for the writer thread again and again.
        BatchingStdoutAppender appender = appender(5, 256, 1024);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    appender.doAppend(event("t" + thread + " " + i));
                }
            }));
        }
        for (Future<?> writer : writers) {
            writer.get();
        }
        pool.shutdown();
        appender.stop();
        String[] lines = written().split("\n");
        assertThat(lines).hasSize(16_000);
        int[] next = new int[8];
        for (String line : lines) {
            String[] parts = line.split(" ");
            int thread = Integer.parseInt(parts[0].substring(1));
            assertThat(Integer.parseInt(parts[1])).as("line of thread %d in order", thread).isEqualTo(next[thread]++);
        }
    }

    @Test
    void aLoneLineIsWrittenWithoutWaitingForABatchToFill() throws Exception {
        BatchingStdoutAppender appender = appender(50, 64 * 1024, 1 << 20);
        appender.doAppend(event("listening"));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!written().contains("listening") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(written()).isEqualTo("listening\n");
        appender.stop();
    }

    @Test
    void stopWritesWhatIsStillWaiting() {
        BatchingStdoutAppender appender = appender(60_000, 64 * 1024, 1 << 20);
        appender.doAppend(event("last words"));
        appender.stop();
        assertThat(written()).isEqualTo("last words\n");
    }
}
