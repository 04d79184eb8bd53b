package dev.parley.realtime;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;

/**
 * A shard loop the test drives by hand: tasks run when the test calls {@link #runPending}, timers
 * when it {@link #advance}s the clock, and storage reads wait in {@link #fetches} until the test
 * completes them, so a test can place a commit exactly between a join's read and its answer.
 */
final class ManualLoop implements ShardLoop {
    private record Timer(long id, long dueMillis, long everyMillis, Runnable task) {
    }

    /** A storage read waiting for the test to run it. */
    static final class Fetch<T> {
        private final Callable<T> work;
        private final Promise<T> promise = Promise.promise();

        private Fetch(Callable<T> work) {
            this.work = work;
        }

        /** Runs the read now and hands its answer to the loop. */
        void complete() {
            try {
                promise.complete(work.call());
            } catch (Exception e) {
                promise.fail(e);
            }
        }

        void fail(Throwable failure) {
            promise.fail(failure);
        }
    }

    private long now;
    private long nextId = 1;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            Comparator.comparingLong(Timer::dueMillis).thenComparingLong(Timer::id));
    final List<Fetch<?>> fetches = new ArrayList<>();

    ManualLoop(long startMillis) {
        this.now = startMillis;
    }

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public void runLater(Runnable task) {
        tasks.add(task);
    }

    @Override
    public long timer(long delayMillis, Runnable task) {
        Timer t = new Timer(nextId++, now + Math.max(1, delayMillis), 0, task);
        timers.add(t);
        return t.id();
    }

    @Override
    public long periodic(long everyMillis, Runnable task) {
        Timer t = new Timer(nextId++, now + everyMillis, everyMillis, task);
        timers.add(t);
        return t.id();
    }

    @Override
    public void cancel(long timerId) {
        timers.removeIf(t -> t.id() == timerId);
    }

    @Override
    public <T> Future<T> fetch(Callable<T> work) {
        Fetch<T> fetch = new Fetch<>(work);
        fetches.add(fetch);
        return fetch.promise.future();
    }

    /** Runs queued tasks (and the tasks they queue) until none is left. */
    void runPending() {
        for (int i = 0; i < 100_000 && !tasks.isEmpty(); i++) {
            tasks.poll().run();
        }
    }

    /** Completes every waiting read, in order, and whatever they lead to, until nothing waits. */
    void completeFetches() {
        for (int round = 0; round < 1000 && (!fetches.isEmpty() || !tasks.isEmpty()); round++) {
            List<Fetch<?>> now = List.copyOf(fetches);
            fetches.clear();
            now.forEach(Fetch::complete);
            runPending();
        }
    }

    /** Moves the clock on, running every timer that falls due (periodic ones again and again). */
    void advance(long millis) {
        long until = now + millis;
        while (!timers.isEmpty() && timers.peek().dueMillis() <= until) {
            Timer t = timers.poll();
            now = t.dueMillis();
            if (t.everyMillis() > 0) {
                timers.add(new Timer(t.id(), now + t.everyMillis(), t.everyMillis(), t.task()));
            }
            t.task().run();
            runPending();
        }
        now = until;
        runPending();
    }
}
