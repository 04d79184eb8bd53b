package dev.parley.web;

import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import dev.parley.realtime.Shard;
import io.netty.channel.Channel;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;

/**
 * {@code GET /ws}: the {@link ConnectionGate}'s checks (with an {@code Upgrade: websocket} header
 * required, else 426), then the handshake, and the socket goes to the shard.
 */
public final class WsEndpoint {
    private final ConnectionGate gate;
    private final HttpErrors errors;
    private final HandshakeAnswer handshake = new HandshakeAnswer();

    public WsEndpoint(ConnectionGate gate, HttpErrors errors) {
        this.gate = gate;
        this.errors = errors;
    }

    public void upgrade(RoutingContext ctx, Shard shard) {
        gate.admit(ctx, WsEndpoint::upgradeHeader, ipHash -> accept(ctx, shard, ipHash));
    }

    private static ApiException upgradeHeader(RoutingContext ctx) {
        String upgrade = ctx.request().getHeader("Upgrade");
        return upgrade == null || !upgrade.equalsIgnoreCase("websocket")
                ? new ApiException(ErrorCode.UPGRADE_REQUIRED, "this endpoint speaks WebSocket only") : null;
    }

    /**
     * Answers the handshake (RFC 6455 4.2.2): the connection's channel goes to the shard's own
     * WebSocket pipeline. No extensions (compression stays off) and no subprotocol are offered.
     */
    private void accept(RoutingContext ctx, Shard shard, String ipHash) {
        HttpServerRequest request = ctx.request();
        String key = request.getHeader("Sec-WebSocket-Key");
        Channel channel = VertxPipeline.channel(request);
        ApiException refused = null;
        if (!"13".equals(request.getHeader("Sec-WebSocket-Version"))) {
            ctx.response().putHeader("Sec-WebSocket-Version", "13");
            refused = new ApiException(ErrorCode.UPGRADE_REQUIRED, "WebSocket version 13 is required");
        } else if (!validKey(key)) {
            refused = new ApiException(ErrorCode.INVALID_FRAME,
                    "WebSocket handshake failed: missing or malformed Sec-WebSocket-Key");
        } else if (channel == null) {
            refused = new ApiException(ErrorCode.UPGRADE_REQUIRED, "WebSocket needs an HTTP/1.1 connection");
        }
        if (refused != null) {
            gate.release(ipHash);
            errors.send(ctx, refused);
            return;
        }
        gate.handOver(channel, ipHash, () -> VertxPipeline.takeOver(channel,
                shard.accept(channel, ipHash, SiteParam.of(ctx).name()), handshake.to(key)));
    }

    private static boolean validKey(String key) {
        if (key == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.trim()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
