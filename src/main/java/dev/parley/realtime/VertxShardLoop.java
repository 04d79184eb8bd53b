package dev.parley.realtime;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

/** A shard's event loop: a Vert.x context, with storage work on the worker pool. */
public final class VertxShardLoop implements ShardLoop {
    private final Vertx vertx;
    private final Context context;
    private final WorkerExecutor worker;

    public VertxShardLoop(Vertx vertx, Context context, WorkerExecutor worker) {
        this.vertx = vertx;
        this.context = context;
        this.worker = worker;
    }

    @Override
    public long nowMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public void runLater(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    @Override
    public long timer(long delayMillis, Runnable task) {
        return vertx.setTimer(Math.max(1, delayMillis), id -> task.run());
    }

    @Override
    public long periodic(long everyMillis, Runnable task) {
        return vertx.setPeriodic(everyMillis, id -> task.run());
    }

    @Override
    public void cancel(long timerId) {
        vertx.cancelTimer(timerId);
    }

    @Override
    public <T> Future<T> fetch(Callable<T> work) {
        // Called on the loop, so the worker's answer comes back on it too.
        return worker.executeBlocking(work, false);
    }
}
