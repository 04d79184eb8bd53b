package dev.parley.web;

import io.vertx.core.Future;

/** Readiness as the node sees it: can it serve new readers and writers right now? */
public interface Health {
    /** Completes with null when ready, or with the reason it is not. */
    Future<String> notReadyReason();
}
