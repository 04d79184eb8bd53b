package dev.parley.web;

import dev.parley.comment.Actor;
import dev.parley.identity.AdminTokenThrottle;
import dev.parley.identity.Identities;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import dev.parley.site.Site;
import dev.parley.site.Sites;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The credentials check of every path that takes the moderator token (the admin API, edits and
 * deletions), with wrong tokens throttled per address ({@link AdminTokenThrottle}): an address
 * that sent a wrong token pays for each later try, and with nothing left gets 429 whatever it
 * sends. Runs on the event loop: the limiter is asked without waiting.
 */
public final class ModeratorGate {
    private static final String MODERATOR = "parley.moderator";
    private final Identities identities;
    private final Sites sites;
    private final AdminTokenThrottle throttle;
    private final HttpErrors errors;

    public ModeratorGate(Identities identities, Sites sites, AdminTokenThrottle throttle, HttpErrors errors) {
        this.identities = identities;
        this.sites = sites;
        this.throttle = throttle;
        this.errors = errors;
    }

    /**
     * Admin routes: on to the next handler for a moderator of the request's site (its token, or
     * the server's admin token), else 401/403 (or 429). The handlers find who it is in
     * {@link #moderator}.
     */
    void requireModerator(RoutingContext ctx, String ipHash) {
        String authorization = ctx.request().getHeader("Authorization");
        check(ctx, ipHash, () -> {
            Actor.Moderator site = siteModerator(ctx, authorization);
            if (site != null) {
                return site;
            }
            identities.requireModerator(authorization);
            return new Actor.Moderator("moderator");
        }, moderator -> {
            ctx.put(MODERATOR, moderator);
            ctx.next();
        });
    }

    /** Who passed {@link #requireModerator} on this request. */
    static Actor.Moderator moderator(RoutingContext ctx) {
        return ctx.get(MODERATOR);
    }

    /**
     * The server's admin, not one site's moderator, else 403 naming {@code why}: for what spans
     * sites (the sites themselves, voters, a backup of the whole database and its secret).
     */
    static Actor.Moderator serverAdmin(RoutingContext ctx, String why) {
        return moderator(ctx).requireServerAdmin(why);
    }

    /** Edits and deletions: a moderator or a comment's author, handed to {@code then}; else 401 (or 429). */
    void actor(RoutingContext ctx, String ipHash, Consumer<Actor> then) {
        String authorization = ctx.request().getHeader("Authorization");
        check(ctx, ipHash, () -> {
            Actor.Moderator site = siteModerator(ctx, authorization);
            return site != null ? site : identities.actor(authorization, ipHash);
        }, then);
    }

    /** The request's site's moderator, if the bearer token is theirs; null otherwise. */
    private Actor.Moderator siteModerator(RoutingContext ctx, String authorization) {
        Site site = SiteParam.of(ctx);
        if (site == null || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return sites.moderates(site, authorization.substring(7).trim())
                ? new Actor.Moderator("moderator of " + site.name(), site.name()) : null;
    }

    private <T> void check(RoutingContext ctx, String ipHash, Supplier<T> identify, Consumer<T> then) {
        Future<Long> wait = throttle.beforeTry(ipHash);
        if (wait.isComplete()) {
            // Not a suspect, or this node's own buckets: answered already, no hop.
            identify(ctx, ipHash, wait.result(), identify, then);
            return;
        }
        Context here = Vertx.currentContext();
        wait.onComplete(result -> here.runOnContext(v -> {
            try {
                identify(ctx, ipHash, result.succeeded() ? result.result() : 0L, identify, then);
            } catch (RuntimeException e) {
                errors.send(ctx, e);
            }
        }));
    }

    private <T> void identify(RoutingContext ctx, String ipHash, long waitSeconds, Supplier<T> identify,
                              Consumer<T> then) {
        if (waitSeconds > 0) {
            errors.send(ctx, tooMany(waitSeconds));
            return;
        }
        T who;
        try {
            who = identify.get();
        } catch (ApiException refused) {
            boolean guessed = ctx.request().getHeader("Authorization") != null
                    && (refused.code() == ErrorCode.UNAUTHORIZED || refused.code() == ErrorCode.FORBIDDEN);
            if (!guessed) {
                throw refused;
            }
            Context here = Vertx.currentContext();
            throttle.failed(ipHash).onComplete(counted -> here.runOnContext(v -> errors.send(ctx,
                    counted.succeeded() && counted.result() > 0 ? tooMany(counted.result()) : refused)));
            return;
        }
        throttle.succeeded(ipHash);
        then.accept(who);
    }

    private static ApiException tooMany(long seconds) {
        return new ApiException(ErrorCode.RATE_LIMITED, "too many wrong tokens from this address: try again in "
                + seconds + " s", seconds);
    }
}
