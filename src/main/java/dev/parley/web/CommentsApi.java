package dev.parley.web;

import dev.parley.abuse.ClientAddress;
import dev.parley.cluster.Cluster;
import dev.parley.comment.Actor;
import dev.parley.comment.CommentRules;
import dev.parley.identity.Identities;
import dev.parley.moderation.Moderation;
import dev.parley.comment.CommentService;
import dev.parley.comment.CommentStore;
import dev.parley.posting.Lane;
import dev.parley.posting.Posting;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frames;
import dev.parley.protocol.Json;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The REST resources under {@code /api/v1}. Parsing and validation run on the event loop (cheap,
 * bounded by the body limit); storage and Markdown run on the worker pool.
 */
public final class CommentsApi {
    /** Threads one counts request may ask for: a long index page, in one query. */
    static final int MAX_COUNTS = 100;

    private final CommentService comments;
    private final LiveCounts live;
    private final WorkerExecutor worker;
    private final Json json;
    private final Frames frames;
    private final HttpErrors errors;
    private final Identities identities;
    private final ClientAddress clients;
    private final Moderation moderation;
    private final Posting posting;
    /** REST posts run on the worker pool, in no particular order (each request is on its own). */
    private final Lane workerLane;
    private final CommentPages pages;
    private final CommentTrees trees;
    /** Whether a cached first page must be checked against the thread's latest seq before it is served. */
    private final boolean validatePages;
    private final ModeratorGate gate;

    /** Readers online per thread, from live delivery. */
    public interface LiveCounts {
        long online(String thread);
    }

    public CommentsApi(CommentService comments, LiveCounts live, WorkerExecutor worker, Json json, Frames frames,
                       HttpErrors errors, Identities identities, ClientAddress clients, Moderation moderation,
                       Posting posting, PageCache pages, Cluster.Freshness freshness, ModeratorGate gate) {
        this.pages = new CommentPages(comments, frames, pages);
        this.trees = new CommentTrees(comments, frames, json, pages);
        this.validatePages = freshness == Cluster.Freshness.CHECK_LATEST_SEQ;
        this.gate = gate;
        this.identities = identities;
        this.clients = clients;
        this.moderation = moderation;
        this.posting = posting;
        this.workerLane = new Lane() {
            @Override
            public <T> io.vertx.core.Future<T> run(Callable<T> work) {
                return worker.executeBlocking(work, false);
            }
        };
        this.comments = comments;
        this.live = live;
        this.worker = worker;
        this.json = json;
        this.frames = frames;
        this.errors = errors;
    }

    public void list(RoutingContext ctx) {
        String thread = SiteParam.thread(ctx, CommentRules.thread(ctx.queryParams().get("thread")));
        long after = number(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) number(ctx, "limit", 100, 1, CommentService.MAX_PAGE);
        if (after == 0 && !validatePages) {
            byte[] hit = pages.cached(thread, limit);
            if (hit != null) {
                json(ctx, 200, hit); // no worker hop: the common read of a hot thread
                return;
            }
        }
        respond(ctx, 200, () -> after == 0 ? pages.first(thread, limit, validatePages) : pages.after(thread, after, limit));
    }

    /**
     * {@code GET /api/v1/comments?thread=T&order=newest|oldest&limit=L}, then {@code before=N}
     * (newest first) or {@code after=N} (oldest first) with the last answer's {@code next}: a page of
     * top-level comments with their replies (CommentTrees).
     */
    public void tree(RoutingContext ctx) {
        String thread = SiteParam.thread(ctx, CommentRules.thread(ctx.queryParams().get("thread")));
        boolean newestFirst = !"oldest".equals(ctx.queryParams().get("order"));
        long cursor = number(ctx, newestFirst ? "before" : "after", 0, 0, Long.MAX_VALUE);
        // Held to 1..MAX_ROOTS rather than refused: it comes from a page's data-page-size.
        long asked = number(ctx, "limit", CommentTrees.DEFAULT_ROOTS, Long.MIN_VALUE, Long.MAX_VALUE);
        int limit = (int) Math.max(1, Math.min(CommentTrees.MAX_ROOTS, asked));
        if (cursor == 0 && !validatePages) {
            byte[] hit = trees.cached(thread, newestFirst, limit);
            if (hit != null) {
                json(ctx, 200, hit); // no worker hop: every widget's first read of a hot thread
                return;
            }
        }
        respond(ctx, 200, () -> cursor == 0 ? trees.first(thread, newestFirst, limit, validatePages)
                : trees.after(thread, newestFirst, cursor, limit));
    }

    /** {@code GET /api/v1/comments/{id}/context}: the comment with its ancestors and its top-level comment's replies. */
    public void context(RoutingContext ctx) {
        long id = id(ctx);
        String site = SiteParam.of(ctx) == null ? dev.parley.protocol.ThreadKey.DEFAULT_SITE : SiteParam.of(ctx).name();
        respond(ctx, 200, () -> trees.context(site, id));
    }

    public void events(RoutingContext ctx) {
        String thread = SiteParam.thread(ctx, CommentRules.thread(ctx.queryParams().get("thread")));
        long after = number(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) number(ctx, "limit", 100, 1, CommentService.MAX_PAGE);
        respond(ctx, 200, () -> {
            CommentStore.Page<dev.parley.protocol.ThreadEvent> page = comments.events(thread, after, limit);
            return frames.eventPage(thread, page.seq(), page.items());
        });
    }

    public void thread(RoutingContext ctx) {
        String thread = SiteParam.thread(ctx, CommentRules.thread(ctx.queryParams().get("thread")));
        respond(ctx, 200, () -> {
            CommentStore.ThreadStats stats = comments.stats(thread);
            return frames.threadInfo(thread, stats.seq(), stats.count(), live.online(thread), stats.locked(),
                    stats.scoreSeq());
        });
    }

    /**
     * {@code GET /api/v1/counts?thread=a&thread=b}: comment counts for a page of links (a blog's
     * index), in one request. At most {@link #MAX_COUNTS} threads; repeats are answered once.
     */
    public void counts(RoutingContext ctx) {
        List<String> asked = ctx.queryParams().getAll("thread");
        if (asked.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_THREAD, "give one or more thread parameters");
        }
        Set<String> threads = new LinkedHashSet<>();
        for (String thread : asked) {
            threads.add(SiteParam.thread(ctx, CommentRules.thread(thread)));
        }
        if (threads.size() > MAX_COUNTS) {
            throw new ApiException(ErrorCode.INVALID_LIMIT, "at most " + MAX_COUNTS + " threads per request");
        }
        respond(ctx, 200, () -> frames.counts(comments.counts(threads)));
    }

    /** {@code POST /api/v1/preview}: a draft's body rendered as a post would be; nothing is stored. */
    public void preview(RoutingContext ctx) {
        String body = CommentRules.body(body(ctx).getValue("body"));
        String ipHash = addressHash(ctx);
        respond(ctx, 200, () -> frames.preview(comments.preview(body, ipHash)));
    }

    public void post(RoutingContext ctx) {
        Posting.Request post = posting.read(body(ctx), Identities.optionalBearer(ctx.request().getHeader("Authorization")),
                ctx.request().getHeader("Idempotency-Key"), addressHash(ctx), SiteParam.of(ctx).name());
        posting.commit(post, workerLane, AccessLog.requestId(ctx)).onComplete(result -> {
            if (result.failed()) {
                errors.send(ctx, result.cause());
                return;
            }
            Posting.Accepted accepted = result.result();
            json(ctx, accepted.replayed() ? 200 : 201,
                    frames.postedComment(accepted.comment(), accepted.authorToken(), accepted.editableUntil()));
        });
    }

    public void edit(RoutingContext ctx) {
        gate.actor(ctx, addressHash(ctx), actor -> {
            long id = id(ctx);
            String body = CommentRules.body(body(ctx).getValue("body"));
            respond(ctx, 200, () -> frames.comment(comments.edit(id, body, actor).comment()));
        });
    }

    public void delete(RoutingContext ctx) {
        gate.actor(ctx, addressHash(ctx), actor -> {
            long id = id(ctx);
            worker.executeBlocking(() -> {
                comments.delete(id, actor);
                return null;
            }, false).onComplete(result -> {
                if (result.failed()) {
                    errors.send(ctx, result.cause());
                } else {
                    ctx.response().setStatusCode(204).end();
                }
            });
        });
    }

    void respond(RoutingContext ctx, int status, Callable<byte[]> work) {
        worker.executeBlocking(work, false).onComplete(result -> {
            if (result.failed()) {
                errors.send(ctx, result.cause());
            } else {
                json(ctx, status, result.result());
            }
        });
    }

    private static void json(RoutingContext ctx, int status, byte[] body) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Buffer.buffer(body));
    }

    /** The hashed address of the client behind this request (behind trusted proxies, the forwarded one). */
    String addressHash(RoutingContext ctx) {
        return identities.addressHash(clients.of(ctx.request().remoteAddress().hostAddress(),
                ctx.request().getHeader("X-Forwarded-For")));
    }

    JsonObject body(RoutingContext ctx) {
        Buffer raw = ctx.body().buffer();
        if (raw == null || raw.length() == 0) {
            throw new ApiException(ErrorCode.INVALID_JSON, "a JSON object body is required");
        }
        return json.parseObject(raw.getBytes());
    }

    static long id(RoutingContext ctx) {
        try {
            long id = Long.parseLong(ctx.pathParam("id"));
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw new ApiException(ErrorCode.INVALID_ID, "comment id must be a positive integer");
    }

    static long number(RoutingContext ctx, String name, long fallback, long min, long max) {
        String raw = ctx.queryParams().get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(raw);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw new ApiException(ErrorCode.INVALID_LIMIT, name + " must be an integer from " + min + " to " + max);
    }
}
