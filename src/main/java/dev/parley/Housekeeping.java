package dev.parley;

import dev.parley.moderation.Moderation;
import dev.parley.site.Sites;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's periodic jobs: whether any ban is active (so a WebSocket upgrade needs no database
 * read when none is), the set of sites, and forgetting address hashes past their retention. Stopped before the
 * worker pool they run on closes.
 */
final class Housekeeping {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final Vertx vertx;
    private final WorkerExecutor worker;
    private final AtomicBoolean bansExist = new AtomicBoolean(true);
    private final List<Long> timers = new ArrayList<>();

    Housekeeping(Vertx vertx, WorkerExecutor worker) {
        this.vertx = vertx;
        this.worker = worker;
    }

    /** Whether a ban may be active: refreshed every second, and set at once by {@link #banned}. */
    boolean bansExist() {
        return bansExist.get();
    }

    /** A ban was just made on this node: the next upgrade checks bans without waiting for the refresh. */
    void banned() {
        bansExist.set(true);
    }

    void start(Moderation moderation, Sites sites, Duration retention) {
        // Sites saved on another node show here within a second.
        timers.add(vertx.setPeriodic(1000, 1000, id -> worker.executeBlocking(() -> {
            sites.refresh();
            return null;
        }, false).onFailure(failure -> log.warn("reading the sites failed: {}", failure.toString()))));
        timers.add(vertx.setPeriodic(0, 1000, id -> worker.executeBlocking(() -> !moderation.bans().isEmpty(), false)
                .onSuccess(bansExist::set)));
        // Hourly, more often for retentions shorter than two hours.
        long every = Math.max(100, Math.min(Duration.ofHours(1).toMillis(), retention.toMillis() / 2));
        timers.add(vertx.setPeriodic(every, every, id -> worker.executeBlocking(
                () -> moderation.forgetOldAddressHashes(retention), false)
                .onFailure(failure -> log.warn("address hash retention failed: {}", failure.toString()))));
    }

    void stop() {
        timers.forEach(vertx::cancelTimer);
        timers.clear();
    }
}
