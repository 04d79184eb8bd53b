package dev.parley.web;

import dev.parley.logging.LogContext;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per HTTP request, with structured fields: method, path, status, duration and
 * bytes sent. Never the client address, the query string's values beyond the path, or a body.
 */
public final class AccessLog {
    private static final java.util.Base64.Encoder ID = java.util.Base64.getUrlEncoder().withoutPadding();
    private static final Logger log = LoggerFactory.getLogger("parley.access");
    /** A request id a proxy may give: kept as it is when it looks like one, replaced otherwise. */
    private static final java.util.regex.Pattern GIVEN_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * Each request's id: the caller's {@code X-Request-Id} when it is a plain token (a proxy in
     * front may have set it), else a new one; sent back in {@code X-Request-Id}, logged with the
     * request's line and with any error logged on its behalf.
     */
    static String requestId(RoutingContext ctx) {
        return ctx.get(LogContext.REQUEST_ID);
    }

    private static String newId() {
        byte[] bytes = new byte[9];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(bytes);
        return ID.encodeToString(bytes);
    }

    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        String given = ctx.request().getHeader("X-Request-Id");
        String id = given != null && GIVEN_ID.matcher(given).matches() ? given : newId();
        ctx.put(LogContext.REQUEST_ID, id);
        ctx.response().putHeader("X-Request-Id", id);
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
                    .addKeyValue("requestId", id)
                    .log();
        });
        ctx.next();
    }
}
