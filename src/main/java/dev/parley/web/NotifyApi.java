package dev.parley.web;

import dev.parley.notify.Subscriptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/**
 * The links in mails, for people and for mail clients: {@code GET /api/v1/notify/confirm?token=}
 * (double opt-in), {@code GET /api/v1/notify/unsubscribe?token=} (a page) and {@code POST} of the
 * same URL (RFC 8058 one-click, sent by mail clients with {@code List-Unsubscribe=One-Click}).
 * Answers are small fixed pages that echo nothing of the request.
 */
public final class NotifyApi {
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

    private final Subscriptions subscriptions;
    private final WorkerExecutor worker;
    private final HttpErrors errors;

    public NotifyApi(Subscriptions subscriptions, WorkerExecutor worker, HttpErrors errors) {
        this.subscriptions = subscriptions;
        this.worker = worker;
        this.errors = errors;
    }

    void confirm(RoutingContext ctx) {
        String token = ctx.queryParams().get("token");
        answer(ctx, () -> subscriptions.confirm(token), "Subscribed",
                "You will get a mail when someone replies to your comment. Every mail has a link to stop them.",
                "This link is not valid", "It may have expired (links last a week) or been cut short.");
    }

    void unsubscribePage(RoutingContext ctx) {
        String token = ctx.queryParams().get("token");
        answer(ctx, () -> subscriptions.unsubscribe(token), "Unsubscribed",
                "You will get no more mails about replies to your comments at this address.",
                "This link is not valid", "It may have been cut short; every mail has a fresh one.");
    }

    /** RFC 8058: the mail client POSTs {@code List-Unsubscribe=One-Click}; any body will do. */
    void unsubscribeOneClick(RoutingContext ctx) {
        String token = ctx.queryParams().get("token");
        worker.executeBlocking(() -> subscriptions.unsubscribe(token), false).onComplete(result -> {
            if (result.failed()) {
                errors.send(ctx, result.cause());
            } else {
                ctx.response().setStatusCode(result.result() ? 200 : 400)
                        .putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end(result.result() ? "unsubscribed\n" : "invalid token\n");
            }
        });
    }

    private void answer(RoutingContext ctx, Callable<Boolean> work, String title, String text, String failTitle,
                        String failText) {
        worker.executeBlocking(work, false).onComplete(result -> {
            if (result.failed()) {
                errors.send(ctx, result.cause());
                return;
            }
            boolean ok = result.result();
            ctx.response().setStatusCode(ok ? 200 : 400)
                    .putHeader("Content-Type", "text/html; charset=utf-8")
                    .putHeader("Content-Security-Policy", CSP)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("Cache-Control", "no-store")
                    .end(page(ok ? title : failTitle, ok ? text : failText));
        });
    }

    /** Fixed words only: nothing from the request reaches the page. */
    private static String page(String title, String text) {
        return "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width\"><title>" + title + "</title>"
                + "<body style=\"font:16px/1.5 system-ui,sans-serif;max-width:36em;margin:3em auto;padding:0 1em\">"
                + "<h1>" + title + "</h1><p>" + text + "</p></body></html>";
    }
}
