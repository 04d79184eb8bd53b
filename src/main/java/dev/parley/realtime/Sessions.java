package dev.parley.realtime;

import dev.parley.metrics.Metrics;
import dev.parley.protocol.CloseCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The shard's open connections: one log line each when it ends, ban enforcement, the drain. */
final class Sessions {
    private static final Logger sessionLog = LoggerFactory.getLogger("parley.access");

    private final Set<Session> open = new LinkedHashSet<>();
    private final Metrics metrics;
    private Promise<Void> drained;

    Sessions(Metrics metrics) {
        this.metrics = metrics;
    }

    void opened(Session s) {
        open.add(s);
        metrics.connections.incrementAndGet();
    }

    /** Returns whether {@code s} was open (so its subscriptions must go). */
    boolean closed(Session s) {
        s.outbox().markClosed(-1);
        boolean was = open.remove(s);
        if (was) {
            metrics.connections.decrementAndGet();
            sessionLog.atInfo().setMessage(s.outbox().wire().name())
                    .addKeyValue("durationMs", (System.nanoTime() - s.openedAtNanos) / 1_000_000)
                    .addKeyValue("framesIn", s.framesIn)
                    .addKeyValue("framesOut", s.outbox().framesOut)
                    .addKeyValue("subscriptions", s.subscriptionCount())
                    .addKeyValue("closeCode", s.outbox().closeCode())
                    .log();
        }
        checkDrained();
        return was;
    }

    List<Session> snapshot() {
        return List.copyOf(open);
    }

    void closeBanned(String authorId, String ipHash, String site, long now) {
        for (Session s : snapshot()) {
            if ((site == null || site.equals(s.site)) && s.bannedBy(authorId, ipHash)) {
                s.close(CloseCode.POLICY, "banned", now);
            }
        }
    }

    /** Closes every session with 1012; the future completes when all have closed. */
    Future<Void> drain(long now) {
        Promise<Void> promise = Promise.promise();
        drained = promise;
        for (Session s : snapshot()) {
            s.close(CloseCode.RESTARTING, "server restarting: reconnect and replay with since", now);
        }
        checkDrained();
        return promise.future();
    }

    private void checkDrained() {
        if (drained != null && open.isEmpty()) {
            drained.tryComplete();
        }
    }
}
