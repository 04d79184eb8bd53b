package dev.parley.web;

import dev.parley.comment.CommentRules;
import dev.parley.feed.Format;
import dev.parley.feed.Syndication;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/**
 * {@code /feed/thread.atom?thread=T}, {@code /feed/thread.rss?thread=T}, {@code /feed/site.atom},
 * {@code /feed/site.rss}. Rate-limited like every read; written feeds are cached
 * ({@link Syndication}), so a hit costs no database read on a single node.
 */
public final class FeedApi {
    private final Syndication feeds;
    private final WorkerExecutor worker;
    private final HttpErrors errors;

    public FeedApi(Syndication feeds, WorkerExecutor worker, HttpErrors errors) {
        this.feeds = feeds;
        this.worker = worker;
        this.errors = errors;
    }

    void thread(RoutingContext ctx, Format format) {
        String thread = SiteParam.thread(ctx, CommentRules.thread(ctx.queryParams().get("thread")));
        respond(ctx, format, () -> feeds.thread(format, thread));
    }

    void site(RoutingContext ctx, Format format) {
        String site = SiteParam.of(ctx).name();
        respond(ctx, format, () -> feeds.site(format, site));
    }

    private void respond(RoutingContext ctx, Format format, Callable<byte[]> work) {
        worker.executeBlocking(work, false).onComplete(result -> {
            if (result.failed()) {
                errors.send(ctx, result.cause());
                return;
            }
            ctx.response().setStatusCode(200)
                    .putHeader("Content-Type", format.mediaType)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Cache-Control", "public, max-age=60")
                    .end(Buffer.buffer(result.result()));
        });
    }
}
