package dev.parley.web;

import dev.parley.abuse.ClientAddress;
import dev.parley.abuse.Limit;
import dev.parley.abuse.RateLimiter;
import dev.parley.identity.Identities;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads per address ({@code GET /api/v1/...}): a burst sized for many readers behind one NAT
 * loading a page at once, then a steady rate. Counted by this node alone, on the event loop and
 * without a round trip: a read that a cache answers costs less than asking Redis about it, so the
 * limit protects each node from one address rather than the site from a reader.
 */
public final class ReadLimit {
    private final RateLimiter limiter;
    private final Limit limit;
    private final ClientAddress clients;
    private final Identities identities;
    private final HttpErrors errors;

    public ReadLimit(RateLimiter limiter, Limit limit, ClientAddress clients, Identities identities, HttpErrors errors) {
        this.limiter = limiter;
        this.limit = limit;
        this.clients = clients;
        this.identities = identities;
        this.errors = errors;
    }

    void handle(RoutingContext ctx) {
        String address = clients.of(ctx.request().remoteAddress().hostAddress(), ctx.request().getHeader("X-Forwarded-For"));
        long wait = limiter.acquire("read:" + identities.addressHash(address), limit);
        if (wait > 0) {
            errors.send(ctx, new ApiException(ErrorCode.RATE_LIMITED, "too many requests: slow down",
                    Math.max(1, (wait + 999) / 1000)));
            return;
        }
        ctx.next();
    }
}
