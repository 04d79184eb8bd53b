package dev.parley.web;

import dev.parley.abuse.ClientAddress;
import dev.parley.abuse.Limit;
import dev.parley.abuse.RateLimiter;
import dev.parley.comment.CommentService;
import dev.parley.identity.Identities;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import dev.parley.realtime.Connection;
import io.netty.channel.Channel;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.impl.Http1xServerConnection;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /ws}: the checks that must pass before a socket exists. Stock Vert.x checks no
 * {@code Origin}, so a foreign page could open a socket with a reader's cookies (cross-site
 * WebSocket hijacking); here it gets a 403 in the protocol's error shape instead. Then the
 * address's connection rate (429) and bans (403), before the upgrade.
 */
public final class WsEndpoint {
    private final Connection connection;
    private final OriginCheck origins;
    private final HttpErrors errors;
    private final BooleanSupplier draining;
    private final ClientAddress clients;
    private final Identities identities;
    private final RateLimiter connectLimiter;
    private final Limit connectLimit;
    private final CommentService comments;
    private final WorkerExecutor worker;
    private final BooleanSupplier bansExist;

    public WsEndpoint(Connection connection, OriginCheck origins, HttpErrors errors, BooleanSupplier draining,
                      ClientAddress clients, Identities identities, RateLimiter connectLimiter, Limit connectLimit,
                      CommentService comments, WorkerExecutor worker, BooleanSupplier bansExist) {
        this.bansExist = bansExist;
        this.connection = connection;
        this.origins = origins;
        this.errors = errors;
        this.draining = draining;
        this.clients = clients;
        this.identities = identities;
        this.connectLimiter = connectLimiter;
        this.connectLimit = connectLimit;
        this.comments = comments;
        this.worker = worker;
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
        String address = clients.of(request.remoteAddress().hostAddress(), request.getHeader("X-Forwarded-For"));
        Future<Long> wait = connectLimiter.acquireLater("connect:" + address, connectLimit);
        if (wait.isComplete()) {
            // This node's own buckets (a single node): answered already, so no pause and no hop.
            limited(ctx, address, wait.result());
            return;
        }
        Context here = Vertx.currentContext();
        request.pause();
        wait.onComplete(result -> here.runOnContext(v -> {
            request.resume();
            limited(ctx, address, result.succeeded() ? result.result() : 0L);
        }));
    }

    /** After the connection rate: 429, or on to the bans and the handshake. */
    private void limited(RoutingContext ctx, String address, long wait) {
        var request = ctx.request();
        if (wait > 0) {
            errors.send(ctx, new ApiException(ErrorCode.RATE_LIMITED, "too many new connections",
                    Math.max(1, (wait + 999) / 1000)));
            return;
        }
        String ipHash = identities.addressHash(address);
        if (!bansExist.getAsBoolean()) {
            // The common case: no active bans anywhere, so no database read on the event loop's behalf.
            accept(ctx, ipHash);
            return;
        }
        request.pause();
        worker.executeBlocking(() -> comments.banned(null, ipHash), false).onComplete(result -> {
            request.resume();
            if (result.succeeded() && result.result()) {
                errors.send(ctx, ErrorCode.BANNED, "you cannot comment here at the moment");
                return;
            }
            accept(ctx, ipHash);
        });
    }

    /**
     * Answers the handshake (RFC 6455 4.2.2): the connection's channel goes to Parley's own
     * WebSocket pipeline ({@link Connection#upgrade}). No extensions (compression stays off) and
     * no subprotocol are offered.
     */
    private void accept(RoutingContext ctx, String ipHash) {
        var request = ctx.request();
        String key = request.getHeader("Sec-WebSocket-Key");
        if (!"13".equals(request.getHeader("Sec-WebSocket-Version"))) {
            ctx.response().putHeader("Sec-WebSocket-Version", "13");
            errors.send(ctx, ErrorCode.UPGRADE_REQUIRED, "WebSocket version 13 is required");
            return;
        }
        if (!validKey(key)) {
            errors.send(ctx, ErrorCode.INVALID_FRAME, "WebSocket handshake failed: missing or malformed Sec-WebSocket-Key");
            return;
        }
        // The router hands out a wrapper that hides the socket's channel; the channel is the HTTP
        // connection's (an upgrade keeps the TCP connection), so take it from there.
        if (!(request.connection() instanceof Http1xServerConnection http)) {
            errors.send(ctx, ErrorCode.UPGRADE_REQUIRED, "WebSocket needs an HTTP/1.1 connection");
            return;
        }
        Channel channel = http.channelHandlerContext().channel();
        String accept = acceptKey(key);
        if (channel.eventLoop().inEventLoop()) {
            connection.upgrade(channel, accept, ipHash);
        } else {
            channel.eventLoop().execute(() -> connection.upgrade(channel, accept, ipHash));
        }
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

    /** base64(SHA-1(key + the RFC's GUID)). */
    static String acceptKey(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key.trim() + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
