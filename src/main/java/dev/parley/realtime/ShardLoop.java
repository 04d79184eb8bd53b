package dev.parley.realtime;

import io.vertx.core.Future;
import java.util.concurrent.Callable;

/**
 * One event loop as the realtime jobs see it: tasks and timers run on the loop, one at a time, so
 * the shard's state needs no lock; storage reads run elsewhere and come back to the loop. Tests
 * drive the same jobs with a manual loop and clock (no sleeps).
 */
public interface ShardLoop {

    /** Now, in milliseconds since the epoch, from the loop's clock. */
    long nowMillis();

    /** Runs {@code task} on the loop after the current task. Callable from any thread. */
    void runLater(Runnable task);

    /** Runs {@code task} on the loop once, after {@code delayMillis}; returns the timer's id. */
    long timer(long delayMillis, Runnable task);

    /** Runs {@code task} on the loop every {@code everyMillis}; returns the timer's id. */
    long periodic(long everyMillis, Runnable task);

    void cancel(long timerId);

    /** Runs blocking {@code work} (storage) off the loop; the future completes on the loop. */
    <T> Future<T> fetch(Callable<T> work);
}
