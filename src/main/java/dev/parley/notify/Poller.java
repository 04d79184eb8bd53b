package dev.parley.notify;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The threads of a sender that polls the database: one timer thread runs the poll (every
 * {@code poll}, and at once on {@link #wake}, coalesced, so two polls never overlap), and a fixed
 * pool runs the work a poll hands out. The caller bounds what it hands out to the pool's size, so
 * the pool's queue stays short. Never an event loop.
 */
final class Poller implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile Runnable poll = () -> { };
    private volatile boolean closed;

    Poller(String name, int workers) {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name));
        this.workers = Executors.newFixedThreadPool(workers, r -> daemon(r, name + "-work"));
    }

    void start(Runnable poll, Duration every) {
        this.poll = poll;
        timer.scheduleWithFixedDelay(this::run, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Another job on the timer thread, every {@code every} from now. */
    void every(Runnable job, Duration every) {
        timer.scheduleWithFixedDelay(job, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Polls now rather than at the next tick (once, however often it is called meanwhile). */
    void wake() {
        if (!closed && queued.compareAndSet(false, true)) {
            timer.execute(this::run);
        }
    }

    void execute(Runnable work) {
        workers.execute(work);
    }

    boolean closed() {
        return closed;
    }

    private void run() {
        queued.set(false);
        if (!closed) {
            poll.run();
        }
    }

    /** Stops polling, interrupts the work under way and waits up to 5 s for it to end. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
