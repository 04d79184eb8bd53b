package dev.parley.web;

import dev.parley.abuse.ClientAddress;
import dev.parley.abuse.ConnectionLeases;
import dev.parley.abuse.Limit;
import dev.parley.abuse.RateLimiter;
import dev.parley.comment.CommentService;
import dev.parley.identity.Identities;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import dev.parley.realtime.Shard;
import io.netty.channel.Channel;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /ws}: the checks that must pass before a socket exists. Stock Vert.x checks no
 * {@code Origin}, so a foreign page could open a socket with a reader's cookies (cross-site
 * WebSocket hijacking); here it gets a 403 in the protocol's error shape instead. Then the
 * address's connection rate and its open connections (429), bans (403), and the handshake.
 * Nothing about the address is kept but its hash.
 */
public final class WsEndpoint {
    /** What a client that holds too many sockets is told to wait before it tries again. */
    private static final long FULL_RETRY_SECONDS = 10;

    private final SiteOrigins origins;
    private final HttpErrors errors;
    private final BooleanSupplier draining;
    private final ClientAddress clients;
    private final Identities identities;
    private final RateLimiter connectLimiter;
    private final Limit connectLimit;
    private final ConnectionLeases leases;
    private final CommentService comments;
    private final WorkerExecutor worker;
    private final HandshakeAnswer handshake = new HandshakeAnswer();
    private final BooleanSupplier bansExist;

    public WsEndpoint(SiteOrigins origins, HttpErrors errors, BooleanSupplier draining, ClientAddress clients,
                      Identities identities, RateLimiter connectLimiter, Limit connectLimit, ConnectionLeases leases,
                      CommentService comments, WorkerExecutor worker, BooleanSupplier bansExist) {
        this.origins = origins;
        this.errors = errors;
        this.draining = draining;
        this.clients = clients;
        this.identities = identities;
        this.connectLimiter = connectLimiter;
        this.connectLimit = connectLimit;
        this.leases = leases;
        this.comments = comments;
        this.worker = worker;
        this.bansExist = bansExist;
    }

    public void upgrade(RoutingContext ctx, Shard shard) {
        HttpServerRequest request = ctx.request();
        if (draining.getAsBoolean()) {
            errors.send(ctx, ErrorCode.UNAVAILABLE, "server is restarting; connect to another node or retry");
            return;
        }
        if (!origins.allows(SiteParam.of(ctx), request.getHeader("Origin"), request.getHeader("Host"))) {
            errors.send(ctx, ErrorCode.FORBIDDEN_ORIGIN, "origin not allowed: " + request.getHeader("Origin"));
            return;
        }
        String upgrade = request.getHeader("Upgrade");
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            errors.send(ctx, ErrorCode.UPGRADE_REQUIRED, "this endpoint speaks WebSocket only");
            return;
        }
        String ipHash = identities.addressHash(clients.of(request.remoteAddress().hostAddress(),
                request.getHeader("X-Forwarded-For")));
        // Shared checks answer later (Redis); this node's own answer at once, with no pause and no hop.
        whenAnswered(ctx, connectLimiter.acquireLater("connect:" + ipHash, connectLimit), 0L, wait -> {
            if (wait > 0) {
                errors.send(ctx, new ApiException(ErrorCode.RATE_LIMITED, "too many new connections",
                        Math.max(1, (wait + 999) / 1000)));
                return;
            }
            whenAnswered(ctx, leases.acquire(ipHash), true, granted -> {
                if (!granted) {
                    errors.send(ctx, new ApiException(ErrorCode.RATE_LIMITED,
                            "too many open connections from your address", FULL_RETRY_SECONDS));
                    return;
                }
                checkBans(ctx, shard, ipHash);
            });
        });
    }

    /** Runs {@code next} with the future's value on this request's loop; a failed future gives {@code otherwise}. */
    private static <T> void whenAnswered(RoutingContext ctx, Future<T> answer, T otherwise,
                                         java.util.function.Consumer<T> next) {
        if (answer.isComplete()) {
            next.accept(answer.succeeded() ? answer.result() : otherwise);
            return;
        }
        Context here = Vertx.currentContext();
        ctx.request().pause();
        answer.onComplete(result -> here.runOnContext(v -> {
            ctx.request().resume();
            next.accept(result.succeeded() ? result.result() : otherwise);
        }));
    }

    /** Holding a lease from here on: every refusal gives it back. */
    private void checkBans(RoutingContext ctx, Shard shard, String ipHash) {
        if (!bansExist.getAsBoolean()) {
            // The common case: no active bans anywhere, so no database read on the event loop's behalf.
            accept(ctx, shard, ipHash);
            return;
        }
        ctx.request().pause();
        String site = SiteParam.of(ctx).name();
        worker.executeBlocking(() -> comments.banned(null, ipHash, site), false).onComplete(result -> {
            ctx.request().resume();
            if (result.succeeded() && result.result()) {
                leases.release(ipHash);
                errors.send(ctx, ErrorCode.BANNED, "you cannot comment here at the moment");
                return;
            }
            accept(ctx, shard, ipHash);
        });
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
            leases.release(ipHash);
            errors.send(ctx, refused);
            return;
        }
        channel.closeFuture().addListener(closed -> leases.release(ipHash));
        Runnable takeOver = () -> {
            if (channel.isActive()) { // else gone during the checks
                VertxPipeline.takeOver(channel, shard.accept(channel, ipHash, SiteParam.of(ctx).name()),
                        handshake.to(key));
            }
        };
        if (channel.eventLoop().inEventLoop()) {
            takeOver.run();
        } else {
            channel.eventLoop().execute(takeOver);
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
}
