package dev.parley.web;

import dev.parley.abuse.ClientAddress;
import dev.parley.abuse.ConnectionLeases;
import dev.parley.abuse.Limit;
import dev.parley.abuse.RateLimiter;
import dev.parley.comment.CommentService;
import dev.parley.identity.Identities;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import io.netty.channel.Channel;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The checks before a long-lived connection exists, the same for a WebSocket ({@code /ws}) and an
 * event stream ({@code /api/v1/stream}), in this order: the drain (503), the origin (403; stock
 * servers check none, so a foreign page could open one with a reader's cookies), what the endpoint
 * itself requires of the request, the address's connection rate and its open connections (429:
 * both kinds share one count per address), bans (403). Nothing about the address is kept but its hash.
 */
public final class ConnectionGate {
    /** What a client that holds too many connections is told to wait before it tries again. */
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
    private final BooleanSupplier bansExist;

    public ConnectionGate(SiteOrigins origins, HttpErrors errors, BooleanSupplier draining, ClientAddress clients,
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

    /**
     * Runs the checks; {@code required} answers what the endpoint needs of the request (null: it
     * is fine). When all pass, {@code admitted} gets the address's hash and holds its lease: it
     * must {@link #release} it when it refuses after all, or when the connection closes.
     */
    void admit(RoutingContext ctx, Function<RoutingContext, ApiException> required, Consumer<String> admitted) {
        HttpServerRequest request = ctx.request();
        if (draining.getAsBoolean()) {
            errors.send(ctx, ErrorCode.UNAVAILABLE, "server is restarting; connect to another node or retry");
            return;
        }
        if (!origins.allows(SiteParam.of(ctx), request.getHeader("Origin"), request.getHeader("Host"))) {
            errors.send(ctx, ErrorCode.FORBIDDEN_ORIGIN, "origin not allowed: " + request.getHeader("Origin"));
            return;
        }
        ApiException refused = required.apply(ctx);
        if (refused != null) {
            errors.send(ctx, refused);
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
                checkBans(ctx, ipHash, admitted);
            });
        });
    }

    void release(String ipHash) {
        leases.release(ipHash);
    }

    /**
     * Hands an admitted connection over to Parley: its lease is given back when it closes, and
     * {@code takeOver} runs on the channel's own loop, unless the client left during the checks.
     */
    void handOver(Channel channel, String ipHash, Runnable takeOver) {
        channel.closeFuture().addListener(closed -> leases.release(ipHash));
        Runnable ifOpen = () -> {
            if (channel.isActive()) {
                takeOver.run();
            }
        };
        if (channel.eventLoop().inEventLoop()) {
            ifOpen.run();
        } else {
            channel.eventLoop().execute(ifOpen);
        }
    }

    /** Runs {@code next} with the future's value on this request's loop; a failed future gives {@code otherwise}. */
    private static <T> void whenAnswered(RoutingContext ctx, Future<T> answer, T otherwise, Consumer<T> next) {
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
    private void checkBans(RoutingContext ctx, String ipHash, Consumer<String> admitted) {
        if (!bansExist.getAsBoolean()) {
            // The common case: no active bans anywhere, so no database read on the event loop's behalf.
            admitted.accept(ipHash);
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
            admitted.accept(ipHash);
        });
    }
}
