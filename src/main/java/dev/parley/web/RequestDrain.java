package dev.parley.web;

import dev.parley.protocol.ErrorCode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The HTTP side of a graceful stop: counts the requests in flight, so the stop can wait for them
 * to finish (a POST being answered when the stop began gets its 201, not a 500), and while the
 * node drains refuses new writes with 503 and {@code Retry-After}, so a client retries them on
 * another node. Reads keep being served until the servers close.
 */
public final class RequestDrain {
    private final BooleanSupplier draining;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final HttpErrors errors;

    public RequestDrain(BooleanSupplier draining, HttpErrors errors) {
        this.draining = draining;
        this.errors = errors;
    }

    void handle(RoutingContext ctx) {
        if (changesState(ctx.request().method()) && draining.getAsBoolean()) {
            errors.send(ctx, ErrorCode.UNAVAILABLE, "server is restarting; retry (another node will answer)");
            return;
        }
        if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))
                && !StreamEndpoint.PATH.equals(ctx.request().path())) {
            // A WebSocket upgrade or an event stream never ends as a response: they drain with
            // the shard's sessions (1012).
            inFlight.incrementAndGet();
            ctx.addEndHandler(done -> inFlight.decrementAndGet());
        }
        ctx.next();
    }

    /** A method that writes: refused while draining, and checked for its origin (see Routes). */
    static boolean changesState(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PATCH || method == HttpMethod.PUT
                || method == HttpMethod.DELETE;
    }

    /** Waits until no request is in flight; false if {@code millis} ran out first. */
    public boolean awaitIdle(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (inFlight.get() > 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
