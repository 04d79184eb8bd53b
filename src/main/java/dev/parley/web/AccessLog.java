package dev.parley.web;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per HTTP request, with structured fields: method, path, status, duration and
 * bytes sent. Never the client address, the query string's values beyond the path, or a body.
 */
public final class AccessLog {
    private static final Logger log = LoggerFactory.getLogger("parley.access");

    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(done -> {
            if (!log.isInfoEnabled()) {
                return;
            }
            log.atInfo().setMessage("http")
                    .addKeyValue("method", ctx.request().method().name())
                    .addKeyValue("path", ctx.request().path())
                    .addKeyValue("status", ctx.response().getStatusCode())
                    .addKeyValue("durationMs", (System.nanoTime() - start) / 1_000_000.0)
                    .addKeyValue("bytes", ctx.response().bytesWritten())
                    .log();
        });
        ctx.next();
    }
}
