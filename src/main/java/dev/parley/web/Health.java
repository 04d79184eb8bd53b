package dev.parley.web;

import io.vertx.core.Future;

/** Readiness as the node sees it: can it serve new readers and writers right now? */
public interface Health {

    /**
     * {@code ready} false takes the node out of the load balancer (503). A node that works with
     * reduced guarantees, e.g. Redis unreachable (remote events are late, local ones are not), stays
     * in with status {@code degraded} and says why.
     */
    record Readiness(boolean ready, String status, String reason) {
        public static Readiness ok() {
            return new Readiness(true, "ready", null);
        }

        public static Readiness degraded(String reason) {
            return new Readiness(true, "degraded", reason);
        }

        public static Readiness notReady(String reason) {
            return new Readiness(false, "not_ready", reason);
        }
    }

    Future<Readiness> readiness();
}
