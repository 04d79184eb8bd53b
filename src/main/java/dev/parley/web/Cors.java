package dev.parley.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS for the REST API: the widget runs on other sites' pages. Only allow-listed origins get
 * {@code Access-Control-Allow-Origin} (their own origin, never {@code *}); others get no CORS
 * headers, so their pages cannot read answers.
 */
public final class Cors {
    private final SiteOrigins origins;

    public Cors(SiteOrigins origins) {
        this.origins = origins;
    }

    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String origin = request.getHeader("Origin");
        ctx.response().putHeader("Vary", "Origin");
        boolean allowed = origin != null && origins.allows(SiteParam.of(ctx), origin, request.getHeader("Host"));
        if (allowed) {
            // Retry-After must be readable by the widget on another site's page, to pace retries.
            ctx.response().putHeader("Access-Control-Allow-Origin", origin)
                    .putHeader("Access-Control-Expose-Headers", "Retry-After");
        }
        if (request.method() == HttpMethod.OPTIONS && request.getHeader("Access-Control-Request-Method") != null) {
            if (allowed) {
                ctx.response()
                        .putHeader("Access-Control-Allow-Methods", "GET, POST, PATCH, PUT, DELETE")
                        // Last-Event-ID: a fetch-based event-stream client resuming (EventSource sends it unasked).
                        .putHeader("Access-Control-Allow-Headers", "Content-Type, Idempotency-Key, Authorization, Last-Event-ID")
                        .putHeader("Access-Control-Max-Age", "600");
            }
            ctx.response().setStatusCode(204).end();
            return;
        }
        ctx.next();
    }
}
