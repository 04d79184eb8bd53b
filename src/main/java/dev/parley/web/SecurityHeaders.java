package dev.parley.web;

import io.vertx.ext.web.RoutingContext;

/**
 * The headers every answer carries for the browser's sake. API answers are never sniffed as
 * another type nor stored by a cache (they may hold an author token). Pages allow no inline script
 * and nothing from elsewhere; the demo's two-reader page frames same-origin pages, and the
 * moderation page may be framed by no page at all (clickjacking a moderator's clicks).
 */
final class SecurityHeaders {
    private static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors ";

    private SecurityHeaders() {
    }

    static void api(RoutingContext ctx) {
        ctx.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "no-store");
        ctx.next();
    }

    /**
     * Pages and widget files. File names carry no version, so caches must revalidate after five
     * minutes rather than treat them as immutable.
     */
    static void page(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path.startsWith("/api/")) {
            ctx.next(); // an API path no route answered: it keeps the API's headers
            return;
        }
        boolean admin = path.equals("/admin") || path.startsWith("/admin/");
        ctx.response()
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy", PAGE_POLICY + (admin ? "'none'" : "'self'"))
                .putHeader("Referrer-Policy", "strict-origin-when-cross-origin")
                .putHeader("Cache-Control", admin ? "no-store" : "public, max-age=300");
        if (admin) {
            ctx.response().putHeader("X-Frame-Options", "DENY");
        }
        ctx.next();
    }
}
