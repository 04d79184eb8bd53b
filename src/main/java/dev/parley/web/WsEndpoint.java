package dev.parley.web;

import dev.parley.protocol.ErrorCode;
import dev.parley.realtime.Connection;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /ws}: the checks that must pass before a socket exists. Stock Vert.x checks no
 * {@code Origin}, so a foreign page could open a socket with a reader's cookies (cross-site
 * WebSocket hijacking); here it gets a 403 in the protocol's error shape instead.
 */
public final class WsEndpoint {
    private final Connection connection;
    private final OriginCheck origins;
    private final HttpErrors errors;
    private final BooleanSupplier draining;

    public WsEndpoint(Connection connection, OriginCheck origins, HttpErrors errors, BooleanSupplier draining) {
        this.connection = connection;
        this.origins = origins;
        this.errors = errors;
        this.draining = draining;
    }

    public void upgrade(RoutingContext ctx) {
        var request = ctx.request();
        if (draining.getAsBoolean()) {
            errors.send(ctx, ErrorCode.UNAVAILABLE, "server is restarting; connect to another node or retry");
            return;
        }
        if (!origins.allows(request.getHeader("Origin"), request.getHeader("Host"))) {
            errors.send(ctx, ErrorCode.FORBIDDEN_ORIGIN, "origin not allowed: " + request.getHeader("Origin"));
            return;
        }
        String upgrade = request.getHeader("Upgrade");
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            errors.send(ctx, ErrorCode.UPGRADE_REQUIRED, "this endpoint speaks WebSocket only");
            return;
        }
        request.toWebSocket()
                .onSuccess(connection::open)
                .onFailure(failure -> errors.send(ctx, ErrorCode.INVALID_FRAME, "WebSocket handshake failed"));
    }
}
