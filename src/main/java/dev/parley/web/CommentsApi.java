package dev.parley.web;

import dev.parley.abuse.ClientAddress;
import dev.parley.comment.Actor;
import dev.parley.comment.CommentRules;
import dev.parley.identity.Identities;
import dev.parley.moderation.Moderation;
import dev.parley.comment.CommentService;
import dev.parley.comment.CommentStore;
import dev.parley.comment.Failures;
import dev.parley.metrics.Metrics;
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
    private final Metrics metrics;
    private final PageCache pages;
    private final ModeratorGate gate;

    /** Readers online per thread, from live delivery. */
    public interface LiveCounts {
        long online(String thread);
    }

    public CommentsApi(CommentService comments, LiveCounts live, WorkerExecutor worker, Json json, Frames frames,
                       HttpErrors errors, Identities identities, ClientAddress clients, Moderation moderation,
                       Metrics metrics, PageCache pages, ModeratorGate gate) {
        this.pages = pages;
        this.gate = gate;
        this.identities = identities;
        this.clients = clients;
        this.moderation = moderation;
        this.metrics = metrics;
        this.comments = comments;
        this.live = live;
        this.worker = worker;
        this.json = json;
        this.frames = frames;
        this.errors = errors;
    }

    public void list(RoutingContext ctx) {
        String thread = CommentRules.thread(ctx.queryParams().get("thread"));
        long after = number(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) number(ctx, "limit", 100, 1, CommentService.MAX_PAGE);
        PageCache.Entry cached = after == 0 ? pages.entry(thread) : null;
        byte[] hit = cached == null || pages.validateFirst() ? null : PageCache.get(cached, limit, -1);
        if (hit != null) {
            json(ctx, 200, hit);
            return;
        }
        respond(ctx, 200, () -> {
            if (cached != null && pages.validateFirst()) {
                byte[] current = PageCache.get(cached, limit, comments.stats(thread).seq());
                if (current != null) {
                    return current;
                }
            }
            CommentStore.Page<dev.parley.protocol.Comment> page = comments.comments(thread, after, limit);
            byte[] body = frames.commentPage(thread, page.seq(), page.items());
            if (cached != null) {
                PageCache.put(cached, limit, page.seq(), body);
            }
            return body;
        });
    }

    public void events(RoutingContext ctx) {
        String thread = CommentRules.thread(ctx.queryParams().get("thread"));
        long after = number(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) number(ctx, "limit", 100, 1, CommentService.MAX_PAGE);
        respond(ctx, 200, () -> {
            CommentStore.Page<dev.parley.protocol.ThreadEvent> page = comments.events(thread, after, limit);
            return frames.eventPage(thread, page.seq(), page.items());
        });
    }

    public void thread(RoutingContext ctx) {
        String thread = CommentRules.thread(ctx.queryParams().get("thread"));
        respond(ctx, 200, () -> {
            CommentStore.ThreadStats stats = comments.stats(thread);
            return frames.threadInfo(thread, stats.seq(), stats.count(), live.online(thread));
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
            threads.add(CommentRules.thread(thread));
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
        long receivedNanos = System.nanoTime();
        Identities.Post post;
        try {
            post = identities.readPost(body(ctx), Identities.optionalBearer(ctx.request().getHeader("Authorization")),
                    ctx.request().getHeader("Idempotency-Key"), addressHash(ctx));
        } catch (ApiException e) {
            metrics.postRejected(e.code().wire());
            throw e;
        }
        worker.executeBlocking(() -> comments.post(post.comment(), post.who().poster()), false).onComplete(result -> {
            if (result.failed()) {
                ApiException error = Failures.toApi(result.cause());
                metrics.postRejected(error.code().wire());
                errors.send(ctx, error);
                return;
            }
            CommentStore.Posted posted = result.result();
            if (!posted.replayed()) {
                metrics.postAccepted(receivedNanos);
            }
            json(ctx, posted.replayed() ? 200 : 201,
                    frames.postedComment(posted.event().comment(), identities.answerToken(posted),
                            comments.editableUntil(posted.event().comment())));
        });
    }

    public void edit(RoutingContext ctx) {
        gate.actor(ctx, addressHash(ctx), actor -> {
            long id = id(ctx);
            String body = CommentRules.body(body(ctx).getValue("body"));
            respond(ctx, 200, () -> {
                byte[] answer = frames.comment(comments.edit(id, body, actor).comment());
                if (actor instanceof Actor.Moderator m) {
                    moderation.edited(m.name(), id);
                }
                return answer;
            });
        });
    }

    public void delete(RoutingContext ctx) {
        gate.actor(ctx, addressHash(ctx), actor -> {
            long id = id(ctx);
            worker.executeBlocking(() -> {
                comments.delete(id, actor);
                if (actor instanceof Actor.Moderator m) {
                    moderation.deleted(m.name(), id);
                }
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
